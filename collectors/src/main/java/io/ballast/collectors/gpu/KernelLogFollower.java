package io.ballast.collectors.gpu;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Follows the kernel log from a {@link KernelLogSource} on its own thread and hands each new line to a consumer.
 * Only lines written after {@link #start()} are delivered. A source that fails (journalctl exits, the file
 * disappears) is reopened after a pause; the follower runs until closed.
 */
public final class KernelLogFollower implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KernelLogFollower.class);
    static final Duration FILE_POLL = Duration.ofMillis(200);
    static final Duration REOPEN_DELAY = Duration.ofSeconds(5);

    private final KernelLogSource source;
    private final Consumer<String> onLine;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private Thread thread;
    private volatile Process process;
    private volatile InputStream device;

    public KernelLogFollower(KernelLogSource source, Consumer<String> onLine) {
        this.source = Objects.requireNonNull(source, "source");
        this.onLine = Objects.requireNonNull(onLine, "onLine");
    }

    public synchronized void start() {
        if (thread != null || source.kind() == KernelLogSource.Kind.NONE) {
            return;
        }
        Runnable loop = switch (source.kind()) {
            case FILE -> fileLoop(endOf(source.file()));
            case KMSG -> this::kmsgLoop;
            case COMMAND -> this::commandLoop;
            case NONE -> throw new IllegalStateException("unreachable");
        };
        thread = new Thread(loop, "ballast-kernel-log");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() {
        stopped.countDown();
        Process p = process;
        if (p != null) {
            p.destroy();
        }
        InputStream in = device;
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // closing only to unblock the reader
            }
        }
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            t.interrupt();
        }
    }

    private boolean running() {
        return stopped.getCount() > 0;
    }

    /** Sleeps unless closed; false once closed. */
    private boolean pause(Duration duration) {
        try {
            return !stopped.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            return false;
        }
    }

    private void deliver(String line) {
        try {
            onLine.accept(line);
        } catch (RuntimeException e) {
            LOG.warn("kernel log line not handled: {}", e.toString());
        }
    }

    private static long endOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    /** {@code tail -F}: reads what was appended, starts over when the file is truncated or replaced. */
    private Runnable fileLoop(long startPosition) {
        return () -> {
            Path file = source.file();
            long position = startPosition;
            Object identity = identity(file);
            ByteArrayOutputStream partial = new ByteArrayOutputStream();
            boolean missingLogged = false;
            while (running()) {
                try (SeekableByteChannel channel = Files.newByteChannel(file)) {
                    Object now = identity(file);
                    if (channel.size() < position || (now != null && !now.equals(identity))) {
                        position = 0;
                        partial.reset();
                        identity = now;
                    }
                    channel.position(position);
                    ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
                    int read;
                    while ((read = channel.read(chunk)) > 0) {
                        position += read;
                        chunk.flip();
                        splitLines(chunk, partial);
                        chunk.clear();
                    }
                    missingLogged = false;
                } catch (NoSuchFileException e) {
                    if (!missingLogged) {
                        LOG.warn("kernel log file {} is missing; waiting for it", file);
                        missingLogged = true;
                    }
                } catch (IOException e) {
                    LOG.warn("cannot read kernel log file {}: {}", file, e.toString());
                }
                if (!pause(FILE_POLL)) {
                    return;
                }
            }
        };
    }

    private void splitLines(ByteBuffer chunk, ByteArrayOutputStream partial) {
        while (chunk.hasRemaining()) {
            byte b = chunk.get();
            if (b == '\n') {
                deliver(partial.toString(StandardCharsets.UTF_8));
                partial.reset();
            } else {
                partial.write(b);
            }
        }
    }

    private static Object identity(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    /** /dev/kmsg replays the whole ring buffer on open: skip records stamped before we started. */
    private void kmsgLoop() {
        long startedAtUsec = uptimeUsec();
        while (running()) {
            try (InputStream in = new FileInputStream(source.file().toFile());
                 BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                device = in;
                String line;
                while ((line = reader.readLine()) != null) {
                    if (kmsgUsec(line) >= startedAtUsec) {
                        deliver(line);
                    }
                }
            } catch (IOException e) {
                // EPIPE means records were overwritten before we read them; reopening resumes at the oldest kept.
                if (running()) {
                    LOG.warn("cannot read {}: {}", source.file(), e.toString());
                }
            }
            if (!pause(REOPEN_DELAY)) {
                return;
            }
        }
    }

    /** The timestamp (µs since boot) of a {@code prio,seq,usec,flags;message} record; continuation lines count as new. */
    static long kmsgUsec(String record) {
        int semicolon = record.indexOf(';');
        String[] header = (semicolon < 0 ? "" : record.substring(0, semicolon)).split(",");
        if (header.length < 3) {
            return Long.MAX_VALUE;
        }
        try {
            return Long.parseLong(header[2]);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private static long uptimeUsec() {
        try {
            String uptime = Files.readString(Path.of("/proc/uptime")).trim().split("\\s+")[0];
            return (long) (Double.parseDouble(uptime) * 1_000_000);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private void commandLoop() {
        while (running()) {
            try {
                Process p = new ProcessBuilder(source.command()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
                process = p;
                try (BufferedReader reader = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = reader.readLine()) != null) {
                        deliver(line);
                    }
                }
                if (running()) {
                    LOG.warn("{} exited with {}; restarting in {} s", source.command().get(0), p.waitFor(), REOPEN_DELAY.toSeconds());
                }
            } catch (IOException e) {
                if (running()) {
                    LOG.warn("cannot run {}: {}; retrying in {} s", String.join(" ", source.command()), e.toString(), REOPEN_DELAY.toSeconds());
                }
            } catch (InterruptedException e) {
                return;
            }
            if (!pause(REOPEN_DELAY)) {
                return;
            }
        }
    }
}
