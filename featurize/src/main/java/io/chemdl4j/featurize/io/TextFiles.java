package io.chemdl4j.featurize.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Opens text files for reading, gunzipping them when they start with the gzip magic bytes. */
public final class TextFiles {
    private TextFiles() {
    }

    /** A UTF-8 reader of {@code file}, transparently decompressed if it is gzip (whatever its name). */
    public static Reader open(Path file) throws IOException {
        return open(file, StandardCharsets.UTF_8);
    }

    /**
     * A reader of {@code file} in {@code encoding}, transparently decompressed if it is gzip (whatever its name);
     * bytes that are not text in that encoding read as U+FFFD.
     */
    public static Reader open(Path file, java.nio.charset.Charset encoding) throws IOException {
        return open(file, encoding, null);
    }

    /**
     * As {@link #open(Path, java.nio.charset.Charset)}, adding to {@code bytesRead} (when not {@code null}) every byte
     * taken from the file itself (compressed bytes for a gzip file), so that progress can be told as a fraction of
     * the file's size.
     */
    public static Reader open(Path file, java.nio.charset.Charset encoding, java.util.concurrent.atomic.AtomicLong bytesRead)
            throws IOException {
        return open(file, encoding, bytesRead, null);
    }

    /**
     * As {@link #open(Path, java.nio.charset.Charset, java.util.concurrent.atomic.AtomicLong)}; with {@code damage}
     * given, a gzip file that breaks off (truncated, corrupt) reads as ending after its last whole line, and the
     * failure is put in {@code damage} for the caller to report: every line before the damage is read, wherever in
     * the file it is, and no cut line is taken for a whole one.
     */
    public static Reader open(Path file, java.nio.charset.Charset encoding, java.util.concurrent.atomic.AtomicLong bytesRead,
                              java.util.concurrent.atomic.AtomicReference<IOException> damage) throws IOException {
        InputStream raw = Files.newInputStream(file);
        if (bytesRead != null) {
            raw = new CountingInputStream(raw, bytesRead);
        }
        InputStream in = new BufferedInputStream(raw, 1 << 16);
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        if (b1 == 0x1f && b2 == 0x8b) {
            in = new GZIPInputStream(in, 1 << 16);
            if (damage != null) {
                in = new WholeLinesUntilDamage(in, damage);
            }
        }
        return new InputStreamReader(in, encoding);
    }

    /** The file name without a trailing {@code .gz}, lower-cased: what decides the format. */
    public static String formatName(Path file) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
    }

    /**
     * Passes on the bytes of a stream up to its last line break, holding back a line until it ends; when the stream
     * fails, the held-back part of a line is dropped, the failure recorded, and the stream ends there. A line longer
     * than {@value #MAX_HELD} bytes is passed on without waiting (the line reader above refuses it anyway).
     */
    private static final class WholeLinesUntilDamage extends InputStream {
        private static final int MAX_HELD = 4 << 20;
        private final InputStream in;
        private final java.util.concurrent.atomic.AtomicReference<IOException> damage;
        private byte[] buffer = new byte[1 << 16];
        /** Bytes {@code [start, end)} are held; those before {@code released} may be passed on. */
        private int start;
        private int released;
        private int end;
        private boolean ended;

        WholeLinesUntilDamage(InputStream in, java.util.concurrent.atomic.AtomicReference<IOException> damage) {
            this.in = in;
            this.damage = damage;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (start == released) {
                if (ended) {
                    return -1;
                }
                fill();
            }
            int n = Math.min(len, released - start);
            System.arraycopy(buffer, start, b, off, n);
            start += n;
            return n;
        }

        private void fill() {
            if (start > 0) {
                System.arraycopy(buffer, start, buffer, 0, end - start);
                released -= start;
                end -= start;
                start = 0;
            }
            if (end == buffer.length) {
                if (buffer.length >= MAX_HELD) {
                    released = end; // a line too long to hold: passed on as it is
                    return;
                }
                buffer = java.util.Arrays.copyOf(buffer, buffer.length * 2);
            }
            int n;
            try {
                n = in.read(buffer, end, buffer.length - end);
            } catch (IOException e) {
                damage.set(e);
                ended = true;
                end = released; // the line it broke off in is not passed on
                return;
            }
            if (n < 0) {
                ended = true;
                released = end;
                return;
            }
            for (int i = end + n - 1; i >= end; i--) {
                if (buffer[i] == '\n') {
                    released = i + 1;
                    break;
                }
            }
            end += n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** Counts the bytes read through it. */
    private static final class CountingInputStream extends java.io.FilterInputStream {
        private final java.util.concurrent.atomic.AtomicLong count;

        CountingInputStream(InputStream in, java.util.concurrent.atomic.AtomicLong count) {
            super(in);
            this.count = count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count.incrementAndGet();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count.addAndGet(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count.addAndGet(skipped);
            return skipped;
        }
    }
}
