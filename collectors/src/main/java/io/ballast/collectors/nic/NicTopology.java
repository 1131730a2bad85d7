package io.ballast.collectors.nic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which network plane and leaf switch each NIC of this node is cabled to. File format, one NIC a line,
 * {@code #} starts a comment:
 * <pre>
 * mlx5_0 plane=0 switch=leaf-p0-03
 * mlx5_1 plane=1 switch=leaf-p1-03
 * </pre>
 * Both keys are optional; a NIC not listed has no plane and no switch.
 */
public final class NicTopology {
    /** Where one NIC is cabled. Either field may be null. */
    public record Placement(Integer plane, String leafSwitch) {}

    private static final NicTopology EMPTY = new NicTopology(Map.of());

    private final Map<String, Placement> byDevice;

    private NicTopology(Map<String, Placement> byDevice) {
        this.byDevice = Map.copyOf(byDevice);
    }

    public static NicTopology empty() {
        return EMPTY;
    }

    public static NicTopology load(Path file) {
        try {
            return parse(Files.readAllLines(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read NIC topology " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses the lines of a topology file; {@code source} names it in error messages. */
    public static NicTopology parse(List<String> lines, String source) {
        Map<String, Placement> byDevice = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int hash = line.indexOf('#');
            String[] words = (hash < 0 ? line : line.substring(0, hash)).trim().split("\\s+");
            if (words[0].isEmpty()) {
                continue;
            }
            String where = source + " line " + (i + 1);
            Integer plane = null;
            String leafSwitch = null;
            for (int w = 1; w < words.length; w++) {
                String[] kv = words[w].split("=", 2);
                if (kv.length != 2 || kv[1].isEmpty()) {
                    throw new IllegalArgumentException(where + ": expected key=value, got '" + words[w] + "'");
                }
                switch (kv[0]) {
                    case "plane" -> plane = planeNumber(kv[1], where);
                    case "switch" -> leafSwitch = kv[1];
                    default -> throw new IllegalArgumentException(where + ": unknown key '" + kv[0] + "' (known: plane, switch)");
                }
            }
            if (byDevice.put(words[0], new Placement(plane, leafSwitch)) != null) {
                throw new IllegalArgumentException(where + ": " + words[0] + " is listed twice");
            }
        }
        return new NicTopology(byDevice);
    }

    private static int planeNumber(String value, String where) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": plane must be a number, got '" + value + "'");
        }
    }

    public Optional<Placement> placement(String device) {
        return Optional.ofNullable(byDevice.get(device));
    }
}
