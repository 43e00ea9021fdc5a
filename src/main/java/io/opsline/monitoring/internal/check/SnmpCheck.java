package io.opsline.monitoring.internal.check;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.snmp4j.CommunityTarget;
import org.snmp4j.PDU;
import org.snmp4j.ScopedPDU;
import org.snmp4j.Snmp;
import org.snmp4j.Target;
import org.snmp4j.UserTarget;
import org.snmp4j.mp.MPv3;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.security.AuthHMAC128SHA224;
import org.snmp4j.security.AuthHMAC192SHA256;
import org.snmp4j.security.AuthHMAC256SHA384;
import org.snmp4j.security.AuthHMAC384SHA512;
import org.snmp4j.security.AuthMD5;
import org.snmp4j.security.AuthSHA;
import org.snmp4j.security.PrivAES128;
import org.snmp4j.security.PrivAES192;
import org.snmp4j.security.PrivAES256;
import org.snmp4j.security.PrivDES;
import org.snmp4j.security.SecurityLevel;
import org.snmp4j.security.SecurityProtocols;
import org.snmp4j.security.USM;
import org.snmp4j.security.UsmUser;
import org.snmp4j.smi.Counter32;
import org.snmp4j.smi.Counter64;
import org.snmp4j.smi.GenericAddress;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;

import io.opsline.monitoring.ServiceState;
import io.opsline.monitoring.internal.CheckResult;
import io.opsline.monitoring.internal.CheckSpec;
import io.opsline.monitoring.internal.CounterSample;
import io.opsline.monitoring.internal.SnmpAuthProtocol;
import io.opsline.monitoring.internal.SnmpPrivProtocol;
import io.opsline.monitoring.internal.SnmpVersion;
import io.opsline.monitoring.internal.Wording;
import io.opsline.monitoring.internal.nagios.PerfDatum;
import io.opsline.monitoring.internal.nagios.ThresholdRange;

/**
 * One SNMP GET (v2c or v3) with SNMP4J, as check_snmp does: a numeric value is held to the
 * thresholds, or with {@code rate} its per-second rate since the previous run (Counter32 wraps
 * handled); a text value is reported as it is. No answer in time is CRITICAL, an object the
 * agent does not have is UNKNOWN. Each run has its own session, so that SNMPv3 users of the same
 * name with different passwords on different devices never meet in one user table.
 */
public final class SnmpCheck {

    private static final double COUNTER32_WRAP = Math.pow(2, 32);

    static {
        // SNMP4J keeps the authentication and privacy protocols in one table for the JVM; fill it once.
        SecurityProtocols.getInstance().addDefaultProtocols();
    }

    /** A GET's result, and the counter reading to hand to the next run when judging a rate. */
    public record Reading(CheckResult result, CounterSample counter) {
    }

    public Reading run(CheckSpec.Snmp spec, String host, Duration timeout, CounterSample previous) {
        var startedAt = Instant.now();
        var started = System.nanoTime();
        var where = host + ":" + spec.port();
        try (var snmp = new Snmp(new DefaultUdpTransportMapping())) {
            var target = target(snmp, spec, host, timeout);
            var pdu = spec.version() == SnmpVersion.V3 ? new ScopedPDU() : new PDU();
            pdu.setType(PDU.GET);
            pdu.add(new VariableBinding(new OID(spec.oid())));
            snmp.listen();
            var event = snmp.send(pdu, target);
            var response = event.getResponse();
            if (response == null) {
                // Agents answer a wrong community, and usually a wrong v3 password, with silence.
                return reading(ServiceState.CRITICAL, "SNMP CRITICAL - no answer within %s from %s (%s)".formatted(
                        Wording.duration(timeout), where, spec.version() == SnmpVersion.V3
                                ? "is the agent up, and are the user and passwords right?"
                                : "is the agent up, and is the community right?"),
                        List.of(), startedAt, started, null);
            }
            if (response.getType() == PDU.REPORT) {
                return reading(ServiceState.CRITICAL, ("SNMP CRITICAL - %s refused the request (%s): check the user and "
                        + "passwords").formatted(where, report(response)), List.of(), startedAt, started, null);
            }
            if (response.getErrorStatus() != PDU.noError) {
                return reading(ServiceState.UNKNOWN, "SNMP UNKNOWN - %s answered %s".formatted(where,
                        response.getErrorStatusText()), List.of(), startedAt, started, null);
            }
            var variable = response.get(0).getVariable();
            if (variable.isException()) {
                return reading(ServiceState.UNKNOWN, "SNMP UNKNOWN - %s has %s for %s".formatted(where, variable,
                        spec.oid()), List.of(), startedAt, started, null);
            }
            return judge(spec, variable, startedAt, started, previous);
        } catch (IOException | IllegalArgumentException e) {
            return reading(ServiceState.UNKNOWN, "SNMP UNKNOWN - " + e.getMessage(), List.of(), startedAt, started, null);
        }
    }

    private Reading judge(CheckSpec.Snmp spec, Variable variable, Instant startedAt, long started,
            CounterSample previous) {
        double value;
        try {
            value = variable instanceof Counter64 c64 ? c64.getValue() : variable.toLong();
        } catch (UnsupportedOperationException e) {
            if (spec.warning() != null || spec.critical() != null || spec.rate()) {
                return reading(ServiceState.UNKNOWN, "SNMP UNKNOWN - %s is '%s', not a number to hold to thresholds"
                        .formatted(spec.oid(), variable), List.of(), startedAt, started, null);
            }
            return reading(ServiceState.OK, "SNMP OK - %s = \"%s\"".formatted(spec.oid(), variable), List.of(),
                    startedAt, started, null);
        }
        var what = spec.oid();
        CounterSample counter = null;
        if (spec.rate()) {
            counter = new CounterSample(value, startedAt);
            var rate = counter.perSecondSince(previous, variable instanceof Counter32 ? COUNTER32_WRAP : 0);
            if (rate.isEmpty()) {
                return reading(ServiceState.OK, "SNMP OK - first reading of %s; its rate follows from the next run"
                        .formatted(what), List.of(), startedAt, started, counter);
            }
            value = rate.getAsDouble();
            what = "rate(" + what + ")";
        }
        var state = ThresholdRange.judge(value, spec.warning(), spec.critical());
        var perf = List.of(new PerfDatum(spec.rate() ? "rate" : "value", value, "", spec.warning(), spec.critical(),
                null, null));
        return reading(state, "SNMP %s - %s = %s%s".formatted(state.name(), what, Wording.number(value),
                spec.rate() ? "/s" : ""),
                perf, startedAt, started, counter);
    }

    private static Target<UdpAddress> target(Snmp snmp, CheckSpec.Snmp spec, String host, Duration timeout) {
        var address = (UdpAddress) GenericAddress.parse("udp:" + host + "/" + spec.port());
        Target<UdpAddress> target;
        if (spec.version() == SnmpVersion.V3) {
            var usm = new USM(SecurityProtocols.getInstance(),
                    new OctetString(MPv3.createLocalEngineID()), 0);
            // The session starts with an MPv3 bound to the global security models; this one has its own USM.
            var dispatcher = snmp.getMessageDispatcher();
            var global = dispatcher.getMessageProcessingModel(MPv3.ID);
            if (global != null) {
                dispatcher.removeMessageProcessingModel(global);
            }
            dispatcher.addMessageProcessingModel(new MPv3(usm));
            var user = new OctetString(spec.user());
            usm.addUser(user, new UsmUser(user, auth(spec.authProtocol()), secret(spec.authPassword()),
                    priv(spec.privProtocol()), secret(spec.privPassword())));
            var userTarget = new UserTarget<UdpAddress>();
            userTarget.setSecurityName(user);
            userTarget.setSecurityLevel(spec.authProtocol() == SnmpAuthProtocol.NONE ? SecurityLevel.NOAUTH_NOPRIV
                    : spec.privProtocol() == SnmpPrivProtocol.NONE ? SecurityLevel.AUTH_NOPRIV : SecurityLevel.AUTH_PRIV);
            userTarget.setVersion(SnmpConstants.version3);
            target = userTarget;
        } else {
            var community = new CommunityTarget<UdpAddress>();
            community.setCommunity(new OctetString(spec.community()));
            community.setVersion(SnmpConstants.version2c);
            target = community;
        }
        target.setAddress(address);
        target.setTimeout(timeout.toMillis());
        target.setRetries(0);
        return target;
    }

    private static OID auth(SnmpAuthProtocol protocol) {
        return switch (protocol) {
            case NONE -> null;
            case MD5 -> AuthMD5.ID;
            case SHA -> AuthSHA.ID;
            case SHA224 -> AuthHMAC128SHA224.ID;
            case SHA256 -> AuthHMAC192SHA256.ID;
            case SHA384 -> AuthHMAC256SHA384.ID;
            case SHA512 -> AuthHMAC384SHA512.ID;
        };
    }

    private static OID priv(SnmpPrivProtocol protocol) {
        return switch (protocol) {
            case NONE -> null;
            case DES -> PrivDES.ID;
            case AES128 -> PrivAES128.ID;
            case AES192 -> PrivAES192.ID;
            case AES256 -> PrivAES256.ID;
        };
    }

    private static OctetString secret(String text) {
        return text == null ? null : new OctetString(text);
    }

    private static String report(PDU response) {
        return response.size() > 0 ? response.get(0).getOid().toString() : "report";
    }

    private static Reading reading(ServiceState state, String output, List<PerfDatum> perf, Instant startedAt,
            long started, CounterSample counter) {
        return new Reading(CheckResult.endingNow(state, output, perf, startedAt, started), counter);
    }
}
