package io.ballast.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for 127.0.0.1/localhost in a PKCS12 keystore, and a truststore holding it, made with
 * the JDK's {@code keytool}: enough for a test broker's SSL listener and the clients that trust it.
 */
public record SelfSignedTls(Path keystore, Path truststore, String password) {

    /** Writes {@code broker.p12} and {@code truststore.p12} under {@code dir}, with a random store password. */
    public static SelfSignedTls generate(Path dir) {
        try {
            Files.createDirectories(dir);
            SelfSignedTls tls = new SelfSignedTls(dir.resolve("broker.p12"), dir.resolve("truststore.p12"), UUID.randomUUID().toString());
            Path cert = dir.resolve("broker.crt");
            tls.keytool(dir, "-genkeypair", "-alias", "broker", "-keyalg", "RSA", "-keysize", "2048", "-validity", "7",
                    "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                    "-storetype", "PKCS12", "-keystore", tls.keystore.toString());
            tls.keytool(dir, "-exportcert", "-alias", "broker", "-rfc", "-file", cert.toString(),
                    "-storetype", "PKCS12", "-keystore", tls.keystore.toString());
            tls.keytool(dir, "-importcert", "-noprompt", "-alias", "broker", "-file", cert.toString(),
                    "-storetype", "PKCS12", "-keystore", tls.truststore.toString());
            return tls;
        } catch (IOException e) {
            throw new IllegalStateException("cannot generate a test certificate in " + dir + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while generating a test certificate", e);
        }
    }

    /** Store passwords reach keytool through its environment, never its command line. */
    private void keytool(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("-storepass:env", "BALLAST_TLS_PASSWORD"));
        if (args[0].equals("-genkeypair")) {
            command.addAll(List.of("-keypass:env", "BALLAST_TLS_PASSWORD"));
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("keytool.log").toFile());
        builder.environment().put("BALLAST_TLS_PASSWORD", password);
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException("keytool " + args[0] + " failed: " + Files.readString(dir.resolve("keytool.log"), StandardCharsets.UTF_8));
        }
    }

    @Override
    public String toString() {
        return "SelfSignedTls[keystore=" + keystore + ", truststore=" + truststore + ", password=[hidden]]";
    }
}
