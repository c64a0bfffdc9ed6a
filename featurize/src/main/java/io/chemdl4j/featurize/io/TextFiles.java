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
        }
        return new InputStreamReader(in, encoding);
    }

    /** The file name without a trailing {@code .gz}, lower-cased: what decides the format. */
    public static String formatName(Path file) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
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
