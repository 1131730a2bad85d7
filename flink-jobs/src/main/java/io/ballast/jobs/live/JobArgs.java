package io.ballast.jobs.live;

import io.ballast.jobs.config.BallastOptions;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/** Parses {@code --config FILE} (Java properties) and {@code --set key=value} into a checked Configuration. */
public final class JobArgs {
    private static final Set<String> KNOWN = BallastOptions.ALL.stream().map(ConfigOption::key).collect(Collectors.toSet());

    private JobArgs() {}

    public static Configuration parse(String[] args) throws IOException {
        Configuration conf = new Configuration();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (("--config".equals(arg) || "--set".equals(arg)) && i + 1 >= args.length) {
                throw new IllegalArgumentException(arg + " needs a value");
            }
            if ("--config".equals(arg)) {
                Properties props = new Properties();
                try (Reader r = Files.newBufferedReader(Path.of(args[++i]))) {
                    props.load(r);
                }
                for (Map.Entry<Object, Object> e : props.entrySet()) {
                    set(conf, e.getKey().toString().trim(), e.getValue().toString().trim());
                }
            } else if ("--set".equals(arg)) {
                String kv = args[++i];
                int eq = kv.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("--set needs key=value, got '" + kv + "'");
                }
                set(conf, kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
            } else {
                throw new IllegalArgumentException("unknown argument '" + arg + "' (use --config FILE or --set key=value)");
            }
        }
        return conf;
    }

    /** Sets a known option; unknown keys are refused so a typo never silently falls back to a default. */
    public static void set(Configuration conf, String key, String value) {
        if (!KNOWN.contains(key)) {
            throw new IllegalArgumentException("unknown setting '" + key + "'");
        }
        conf.setString(key, value);
    }
}
