package io.ballast.cli;

import io.ballast.jobs.hardware.HardwareRules;
import io.ballast.jobs.hardware.RuleSetPublisher;
import io.ballast.rules.engine.RuleEngine;
import io.ballast.rules.engine.RuleSet;
import io.ballast.rules.signing.RulesKey;
import io.ballast.rules.signing.SignedRuleSet;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** Rule-set administration: compile, sign and publish a rule set to the running jobs. */
@Command(name = "rules", mixinStandardHelpOptions = true, description = "Manage the Drools rule sets the jobs run.",
        subcommands = RulesCommand.Publish.class)
final class RulesCommand {

    /** Compiles DIR locally, signs it and publishes it to ballast.rules; a broken set is never published. */
    @Command(name = "publish", mixinStandardHelpOptions = true,
            description = {"Compile the .drl files in DIR, sign them (HMAC-SHA256, key from --key-file or env BALLAST_RULES_KEY)",
                    "and publish them to ballast.rules; running jobs switch to the set without a restart."})
    static final class Publish implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DIR", description = "Directory of .drl files (searched recursively).")
        Path dir;

        @Option(names = "--kafka", required = true, paramLabel = "HOST:PORT", description = "Kafka bootstrap servers.")
        String kafka;

        @Option(names = "--version", paramLabel = "V", description = "Rule-set version (default: sha256 of the contents).")
        String version;

        @Option(names = "--key-file", paramLabel = "FILE", description = "File holding the signing key (default: env " + RulesKey.ENV + ").")
        Path keyFile;

        @Override
        public Integer call() throws Exception {
            RuleEngine compiled = HardwareRules.compile(RuleSet.fromDirectory(dir, version));
            RulesKey key = RulesKey.resolve(keyFile == null ? null : keyFile.toString())
                    .orElseThrow(() -> new IllegalArgumentException("no signing key: pass --key-file FILE or set " + RulesKey.ENV));
            String where = RuleSetPublisher.publish(kafka, SignedRuleSet.sign(compiled.ruleSet(), key));
            System.out.println("published rule set " + compiled.version() + " (" + compiled.ruleSet().sources().size()
                    + " files) to " + where);
            return 0;
        }
    }
}
