package io.ballast.rules.hardware;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The versioned Xid table (xid-catalog.csv): code to mnemonic, pipeline class and drain reason.
 * Codes not listed resolve to {@link XidClass#UNKNOWN}; the catalog version travels into decision evidence.
 */
public final class XidCatalog {
    /** Classpath location of the built-in catalog. */
    public static final String BUILT_IN = "io/ballast/rules/xid-catalog.csv";
    private static final String VERSION_PREFIX = "# version:";
    private static final String HEADER = "xid,mnemonic,class,action,note";

    /** One catalog row; {@code action} is the snake_case name decisions carry, e.g. gpu_fallen_off_bus. */
    public record Entry(int xid, String mnemonic, XidClass xidClass, String action, String note) {}

    private final String version;
    private final Map<Integer, Entry> entries;

    private XidCatalog(String version, Map<Integer, Entry> entries) {
        this.version = version;
        this.entries = Collections.unmodifiableMap(entries);
    }

    /** Loads the catalog shipped in this module. */
    public static XidCatalog builtIn() {
        try (InputStream in = XidCatalog.class.getClassLoader().getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new IllegalStateException("Xid catalog not on the classpath: " + BUILT_IN);
            }
            return parse(new InputStreamReader(in, StandardCharsets.UTF_8), BUILT_IN);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + BUILT_IN, e);
        }
    }

    /**
     * Parses a catalog: first line {@code # version: <v>}, then the header {@value #HEADER}, then one row per Xid.
     * The note is the last column and may contain commas.
     */
    public static XidCatalog parse(Reader reader, String sourceName) throws IOException {
        BufferedReader in = new BufferedReader(reader);
        String first = in.readLine();
        if (first == null || !first.startsWith(VERSION_PREFIX) || first.substring(VERSION_PREFIX.length()).isBlank()) {
            throw new IllegalArgumentException(sourceName + " line 1: expected '" + VERSION_PREFIX + " <version>'");
        }
        String version = first.substring(VERSION_PREFIX.length()).trim();
        Map<Integer, Entry> entries = new TreeMap<>();
        boolean headerSeen = false;
        String line;
        int lineNo = 1;
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (!headerSeen) {
                if (!line.trim().equals(HEADER)) {
                    throw new IllegalArgumentException(sourceName + " line " + lineNo + ": expected header '" + HEADER + "'");
                }
                headerSeen = true;
                continue;
            }
            Entry entry = parseRow(line, sourceName, lineNo);
            if (entries.put(entry.xid(), entry) != null) {
                throw new IllegalArgumentException(sourceName + " line " + lineNo + ": duplicate Xid " + entry.xid());
            }
        }
        return new XidCatalog(version, entries);
    }

    private static Entry parseRow(String line, String sourceName, int lineNo) {
        String[] cols = line.split(",", 5);
        if (cols.length < 4) {
            throw new IllegalArgumentException(sourceName + " line " + lineNo + ": expected 5 columns, got " + cols.length);
        }
        try {
            int xid = Integer.parseInt(cols[0].trim());
            XidClass cls = XidClass.valueOf(cols[2].trim());
            return new Entry(xid, cols[1].trim(), cls, cols[3].trim(), cols.length > 4 ? cols[4].trim() : "");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(sourceName + " line " + lineNo + ": " + e.getMessage(), e);
        }
    }

    /** The entry for a code; unlisted codes get class UNKNOWN and action {@code xid_unverified}. */
    public Entry lookup(int xid) {
        Entry e = entries.get(xid);
        return e != null ? e : new Entry(xid, "UNKNOWN", XidClass.UNKNOWN, "xid_unverified", "not in catalog " + version);
    }

    public String version() {
        return version;
    }

    public int size() {
        return entries.size();
    }
}
