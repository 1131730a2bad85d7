package io.ballast.rules.engine;

import io.ballast.rules.hardware.ActionIds;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A versioned set of DRL sources by file name (relative path, '/'-separated). The version is explicit or
 * {@code sha256:<12 hex>} of the sorted names and contents, so the same rules always carry the same version.
 */
public final class RuleSet {
    /** Classpath folder of the built-in rules. */
    public static final String BUILT_IN_ROOT = "io/ballast/rules";

    private final SortedMap<String, String> sources;
    private final String contentHash;
    private final String version;

    private RuleSet(Map<String, String> sources, String version) {
        if (sources.isEmpty()) {
            throw new RuleSetException("rule set has no .drl sources");
        }
        this.sources = Collections.unmodifiableSortedMap(new TreeMap<>(sources));
        StringBuilder all = new StringBuilder();
        this.sources.forEach((name, drl) -> all.append(name).append('\0').append(drl).append('\0'));
        this.contentHash = ActionIds.sha256Hex(all.toString());
        this.version = version == null || version.isBlank() ? "sha256:" + contentHash.substring(0, 12) : version;
    }

    /** A rule set from DRL texts by file name; {@code version} null means the content hash. */
    public static RuleSet of(Map<String, String> sources, String version) {
        return new RuleSet(sources, version);
    }

    /** Every {@code .drl} under a directory (recursively), named by path relative to it. */
    public static RuleSet fromDirectory(Path dir) {
        return fromDirectory(dir, null);
    }

    public static RuleSet fromDirectory(Path dir, String version) {
        if (!Files.isDirectory(dir)) {
            throw new RuleSetException("rule directory does not exist: " + dir);
        }
        try {
            return new RuleSet(readDrl(dir), version);
        } catch (IOException e) {
            throw new RuleSetException("cannot read rules under " + dir + ": " + e, e);
        }
    }

    /** The rules shipped with this module: {@code io/ballast/rules/**.drl} on the classpath. */
    public static RuleSet builtIn() {
        return builtIn(RuleSet.class.getClassLoader());
    }

    public static RuleSet builtIn(ClassLoader classLoader) {
        Map<String, String> sources = new TreeMap<>();
        try {
            Enumeration<URL> roots = classLoader.getResources(BUILT_IN_ROOT);
            while (roots.hasMoreElements()) {
                sources.putAll(readClasspathRoot(roots.nextElement().toURI()));
            }
        } catch (IOException | URISyntaxException e) {
            throw new RuleSetException("cannot list built-in rules under " + BUILT_IN_ROOT + ": " + e, e);
        }
        return new RuleSet(sources, null);
    }

    /**
     * Synchronized: a zip file system is shared per jar, so a reader closing the one it opened would pull it
     * from under a concurrent reader (seen as ClosedFileSystemException when operators start together).
     */
    private static synchronized Map<String, String> readClasspathRoot(URI uri) throws IOException {
        if (!"jar".equals(uri.getScheme())) {
            return readDrl(Path.of(uri));
        }
        // Inside a (shaded) jar: walk it through a zip file system; another thread may have opened it already.
        FileSystem fs;
        boolean opened = false;
        try {
            fs = FileSystems.newFileSystem(uri, Map.of());
            opened = true;
        } catch (FileSystemAlreadyExistsException e) {
            fs = FileSystems.getFileSystem(uri);
        }
        try {
            return readDrl(fs.provider().getPath(uri));
        } finally {
            if (opened) {
                fs.close();
            }
        }
    }

    private static Map<String, String> readDrl(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".drl"))::iterator) {
                String name = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
                try (InputStream in = Files.newInputStream(file)) {
                    out.put(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }

    /** DRL text by file name, sorted. */
    public SortedMap<String, String> sources() {
        return sources;
    }

    /** Explicit version, or {@code sha256:<12 hex>} of the contents. */
    public String version() {
        return version;
    }

    /** Full SHA-256 of names and contents; the compile cache key. */
    public String contentHash() {
        return contentHash;
    }

    @Override
    public String toString() {
        return "RuleSet{" + version + ", files=" + sources.keySet() + "}";
    }
}
