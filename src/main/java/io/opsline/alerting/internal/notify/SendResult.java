package io.opsline.alerting.internal.notify;

/**
 * How one try to send went.
 *
 * @param httpStatus the endpoint's HTTP status; null for e-mail or when none came back
 * @param reply the SMTP server's last reply, or the HTTP status line
 * @param error why it failed; null when it worked
 */
record SendResult(boolean succeeded, Integer httpStatus, String reply, String error) {

    static SendResult failure(String error) {
        return new SendResult(false, null, null, error);
    }
}
