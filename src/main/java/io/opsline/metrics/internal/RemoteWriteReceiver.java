package io.opsline.metrics.internal;

import java.util.concurrent.atomic.LongAdder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import io.opsline.metrics.internal.ingest.IngestLimits;
import io.opsline.metrics.internal.ingest.RemoteWriteDecoder;
import io.opsline.metrics.internal.ingest.RemoteWriteException;
import io.opsline.metrics.internal.store.AppendResult;
import io.opsline.metrics.internal.store.MetricStore;

/**
 * Takes Prometheus remote-write requests into the store. Each client's series count against the
 * limit of its own source, {@code remote-write:<user>}. Refused bodies and samples are counted for the
 * status page; the sender learns why from the error it gets.
 */
@Service
public class RemoteWriteReceiver {

    private static final Logger log = LoggerFactory.getLogger(RemoteWriteReceiver.class);

    private final MetricStore store;
    private final MetricMetadata metadata;
    private final RemoteWriteDecoder decoder;
    private final int maxBodyBytes;
    private final LongAdder requests = new LongAdder();
    private final LongAdder refusedBodies = new LongAdder();

    RemoteWriteReceiver(MetricStore store, MetricMetadata metadata, MetricsProperties properties) {
        this.store = store;
        this.metadata = metadata;
        var ingest = properties.ingest();
        this.maxBodyBytes = Math.toIntExact(ingest.maxRemoteWriteBytes().toBytes());
        this.decoder = new RemoteWriteDecoder(new IngestLimits(ingest.maxLabelValueLength(),
                ingest.maxLabelsPerSeries(), maxBodyBytes,
                Math.toIntExact(ingest.maxRemoteWriteDecompressedBytes().toBytes())));
    }

    /**
     * Decodes and stores one request's samples. A body that cannot be read is a {@link RemoteWriteException}
     * and stores nothing; samples the store refuses (out of order, past the series limit) are in the result,
     * the others stored.
     */
    public AppendResult receive(String user, byte[] body, int length) {
        requests.increment();
        try {
            var request = decoder.decode(body, length);
            var result = store.append("remote-write:" + user, request.series());
            metadata.record(request.families());
            return result;
        } catch (RemoteWriteException e) {
            refusedBodies.increment();
            log.debug("Refused a remote-write body from {}: {}", user, e.getMessage());
            throw e;
        }
    }

    /** The most bytes a body may have as it arrives. */
    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    public long requests() {
        return requests.sum();
    }

    public long refusedBodies() {
        return refusedBodies.sum();
    }
}
