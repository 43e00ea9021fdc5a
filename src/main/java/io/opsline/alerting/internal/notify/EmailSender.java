package io.opsline.alerting.internal.notify;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;

import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import io.opsline.platform.Ids;

/**
 * Sends a delivery as e-mail (text and HTML alternatives) with Jakarta Mail, one SMTP session per
 * send. The Message-ID is derived from the delivery id, so a message sent twice after a crash can be
 * told apart from a second alert; messages with one thread key refer to one thread id, and a
 * follow-up replies to the page it follows up.
 */
final class EmailSender {

    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    private final Duration connectTimeout;
    private final Duration readTimeout;

    EmailSender(Duration connectTimeout, Duration readTimeout) {
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
    }

    SendResult send(Delivery delivery, StoredChannel channel, String password, List<String> recipients) {
        if (recipients.isEmpty()) {
            return SendResult.failure("no recipients: the request named none and the channel has no default ones");
        }
        var protocol = channel.smtpSecurity() == SmtpSecurity.TLS ? "smtps" : "smtp";
        var session = Session.getInstance(properties(channel, protocol));
        String reply = null;
        try (var transport = session.getTransport(protocol)) {
            var message = message(session, delivery, channel, recipients);
            transport.connect(channel.smtpHost(), channel.smtpPort(), channel.smtpUsername(), password);
            transport.sendMessage(message, message.getAllRecipients());
            if (transport instanceof SMTPTransport smtp) {
                reply = smtp.getLastServerResponse();
            }
            return new SendResult(true, null, reply == null ? null : HttpSender.shorten(reply.strip(), 500), null);
        } catch (SMTPSendFailedException e) {
            return new SendResult(false, null, HttpSender.shorten(String.valueOf(e.getReturnCode()), 500),
                    "the SMTP server refused the message: " + e.getMessage());
        } catch (MessagingException e) {
            return SendResult.failure("could not send e-mail: " + describe(e));
        }
    }

    private Properties properties(StoredChannel channel, String protocol) {
        var properties = new Properties();
        var prefix = "mail." + protocol + ".";
        properties.put(prefix + "connectiontimeout", String.valueOf(connectTimeout.toMillis()));
        properties.put(prefix + "timeout", String.valueOf(readTimeout.toMillis()));
        properties.put(prefix + "writetimeout", String.valueOf(readTimeout.toMillis()));
        properties.put(prefix + "auth", String.valueOf(channel.smtpUsername() != null));
        switch (channel.smtpSecurity()) {
            case NONE -> {
            }
            case STARTTLS -> {
                properties.put(prefix + "starttls.enable", "true");
                properties.put(prefix + "starttls.required", "true");
                properties.put(prefix + "ssl.checkserveridentity", "true");
            }
            case TLS -> properties.put(prefix + "ssl.checkserveridentity", "true");
        }
        return properties;
    }

    private static MimeMessage message(Session session, Delivery delivery, StoredChannel channel,
            List<String> recipients) throws MessagingException {
        var content = delivery.message();
        var messageId = "<" + delivery.id() + "@opsline>";
        var message = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        message.setFrom(new InternetAddress(channel.fromAddress()));
        for (var recipient : recipients) {
            message.addRecipient(Message.RecipientType.TO, new InternetAddress(recipient));
        }
        message.setSubject(MessageText.subject(content), StandardCharsets.UTF_8.name());
        message.setSentDate(new Date());
        if (content.threadKey() != null && !content.threadKey().isBlank()) {
            var thread = "<thread-" + threadId(content.threadKey()) + "@opsline>";
            if (content.followUp() == null) {
                message.setHeader("In-Reply-To", thread);
                message.setHeader("References", thread);
            } else {
                // A reply to the page itself, which every mail client threads under it.
                var page = "<" + content.followUp().page() + "@opsline>";
                message.setHeader("In-Reply-To", page);
                message.setHeader("References", thread + " " + page);
            }
        }
        var text = new MimeBodyPart();
        text.setText(MessageText.plain(content), StandardCharsets.UTF_8.name(), "plain");
        var html = new MimeBodyPart();
        html.setText(MessageText.html(content), StandardCharsets.UTF_8.name(), "html");
        var alternatives = new MimeMultipart("alternative", text, html);
        message.setContent(alternatives);
        return message;
    }

    /** The thread key itself when it is safe in a message id, else a name-based UUID of it. */
    static String threadId(String threadKey) {
        return SAFE_ID.matcher(threadKey).matches() ? threadKey
                : Ids.named(threadKey).toString();
    }

    private static String describe(MessagingException e) {
        var text = new StringBuilder(String.valueOf(e.getMessage()));
        var cause = e.getCause();
        if (cause != null && cause != e) {
            text.append(" (").append(cause).append(')');
        }
        return text.toString().replaceAll("\\s+", " ").strip();
    }
}
