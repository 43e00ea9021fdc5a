package io.opsline.metrics.web;

import java.io.IOException;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import io.opsline.identity.RequiresRole;
import io.opsline.identity.Role;
import io.opsline.metrics.internal.RemoteWriteReceiver;
import io.opsline.metrics.internal.ingest.RemoteWriteException;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Prometheus remote write (1.0: snappy-compressed protobuf): an existing Prometheus or agent forwards
 * into Opsline with {@code remote_write: [{url: .../api/v1/write, authorization: {credentials: <API token>}}]}.
 * As Prometheus' own receiver answers: 204 when all is stored, 400 with the reason when a body cannot
 * be read or samples were refused (the rest are stored; a sender does not retry a 4xx), 413 when too big.
 * A 2xx or 4xx is final for the sender; only a 5xx makes it retry, so nothing acknowledged is lost.
 */
@RestController
class RemoteWriteApi {

    private final RemoteWriteReceiver receiver;

    RemoteWriteApi(RemoteWriteReceiver receiver) {
        this.receiver = receiver;
    }

    @RequiresRole(Role.OPERATOR)
    @PostMapping(PrometheusApi.API + "/write")
    ResponseEntity<String> write(HttpServletRequest request, Authentication user) throws IOException {
        // One byte past the limit is enough for the decoder to refuse a body for its size; no more is read.
        var body = request.getInputStream().readNBytes(receiver.maxBodyBytes() + 1);
        var result = receiver.receive(user.getName(), body, body.length);
        if (result.rejectedTotal() == 0) {
            return ResponseEntity.noContent().build();
        }
        return text(HttpStatus.BAD_REQUEST, result.rejectedTotal() + " samples refused, " + result.accepted()
                + " stored: " + String.join("; ", result.messages()));
    }

    @ExceptionHandler(RemoteWriteException.class)
    ResponseEntity<String> unreadable(RemoteWriteException e) {
        return text(e.tooLarge() ? HttpStatus.CONTENT_TOO_LARGE : HttpStatus.BAD_REQUEST, e.getMessage());
    }

    private static ResponseEntity<String> text(HttpStatus status, String message) {
        return ResponseEntity.status(status).contentType(MediaType.TEXT_PLAIN).body(message + "\n");
    }
}
