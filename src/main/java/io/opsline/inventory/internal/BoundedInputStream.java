package io.opsline.inventory.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import io.opsline.platform.PayloadTooLargeException;

/** Refuses to read past a size limit, so an oversized upload fails fast instead of filling memory. */
final class BoundedInputStream extends FilterInputStream {

    private final long limit;
    private long count;

    BoundedInputStream(InputStream input, long limit) {
        super(input);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    private void count(long n) {
        count += n;
        if (count > limit) {
            throw new PayloadTooLargeException(limit);
        }
    }
}
