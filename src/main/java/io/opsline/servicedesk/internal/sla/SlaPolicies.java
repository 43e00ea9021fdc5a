package io.opsline.servicedesk.internal.sla;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.opsline.identity.AuditEntry;
import io.opsline.identity.AuditLog;
import io.opsline.inventory.CiClass;
import io.opsline.inventory.Inventory;
import io.opsline.platform.Choice;
import io.opsline.platform.Ids;
import io.opsline.platform.InvalidInputException;
import io.opsline.platform.Jdbc;
import io.opsline.platform.NotFoundException;
import io.opsline.platform.Violations;
import io.opsline.servicedesk.Priority;
import io.opsline.servicedesk.internal.customer.Customers;

/**
 * SLA policies, kept by admins and audited. A clock copies its policy's targets when it is chosen:
 * changing a policy affects incidents whose clocks are chosen afterwards (new incidents, or a
 * change of priority, services or customer), not clocks already running.
 */
@Service
public class SlaPolicies {

    static final int MAX_NAME = 100;
    static final int DEFAULT_WARNING_PERCENT = 75;
    /** Longer targets are typing mistakes, not agreements. */
    static final Duration MAX_TARGET = Duration.ofDays(366);

    private final PolicyRepository policies;
    private final BusinessCalendars calendars;
    private final Inventory inventory;
    private final AuditLog audit;
    private final Customers customers;

    SlaPolicies(PolicyRepository policies, BusinessCalendars calendars, Inventory inventory, AuditLog audit,
            Customers customers) {
        this.policies = policies;
        this.calendars = calendars;
        this.inventory = inventory;
        this.audit = audit;
        this.customers = customers;
    }

    public List<SlaPolicy> list() {
        return policies.findAll();
    }

    public SlaPolicy get(UUID id) {
        return policies.find(id).orElseThrow(() -> new NotFoundException("SLA policy", id));
    }

    @Transactional
    public SlaPolicy create(PolicyInput input) {
        var valid = validate(input, null);
        var now = Jdbc.now();
        var policy = new SlaPolicy(Ids.newId(), valid.name(), valid.priority(), valid.serviceId(),
                valid.customerId(), valid.calendarId(),
                valid.response(), valid.resolution(), valid.warningPercent(), now, now, 0);
        try {
            policies.insert(policy);
        } catch (DuplicateKeyException e) {
            throw duplicate(policy.priority());
        }
        audit.record(new AuditEntry("sla-policy.create", "sla-policy", policy.id().toString(),
                "Created SLA policy " + policy.name(), null, policy));
        return policy;
    }

    @Transactional
    public SlaPolicy update(UUID id, PolicyInput input) {
        var before = get(id);
        var valid = validate(input, id);
        SlaChecks.checkVersion(input.version(), before.version(), "SLA policy " + before.name());
        var after = new SlaPolicy(id, valid.name(), valid.priority(), valid.serviceId(), valid.customerId(),
                valid.calendarId(),
                valid.response(), valid.resolution(), valid.warningPercent(), before.createdAt(), Jdbc.now(),
                before.version() + 1);
        try {
            if (!policies.update(after)) {
                throw SlaChecks.changedMeanwhile("SLA policy " + before.name());
            }
        } catch (DuplicateKeyException e) {
            throw duplicate(after.priority());
        }
        audit.record(new AuditEntry("sla-policy.update", "sla-policy", id.toString(),
                "Changed SLA policy " + after.name(), before, after));
        return after;
    }

    /** Deletes a policy; clocks chosen from it keep their targets. */
    @Transactional
    public void delete(UUID id) {
        var before = get(id);
        policies.delete(id);
        audit.record(new AuditEntry("sla-policy.delete", "sla-policy", id.toString(),
                "Deleted SLA policy " + before.name(), before, null));
    }

    private Valid validate(PolicyInput input, UUID self) {
        var violations = new Violations();
        var name = violations.required("name", input.name(), MAX_NAME);
        Priority priority = null;
        if (input.priority() == null || input.priority().isBlank()) {
            violations.add("priority", "is required: one of " + Choice.keys(Priority.class));
        } else {
            priority = violations.optionalChoice("priority", input.priority(), Priority.class);
        }
        var serviceId = service(input.service(), violations);
        var customer = customers.resolve("customer", input.customer(), violations);
        var customerId = customer == null ? null : customer.id();
        if (serviceId != null && customerId != null) {
            violations.add("service", "give a service or a customer, not both");
            violations.add("customer", "give a customer or a service, not both");
        }
        var calendarId = calendar(input.calendar(), violations);
        var response = target("responseTarget", input.responseTarget(), violations);
        var resolution = target("resolutionTarget", input.resolutionTarget(), violations);
        var warning = input.warningPercent() == null ? DEFAULT_WARNING_PERCENT : input.warningPercent();
        if (warning < 1 || warning > 99) {
            violations.add("warningPercent", "must be from 1 to 99 (the breach is at 100)");
        }
        if (priority != null && violations.isEmpty()) {
            policies.findFor(priority, serviceId, customerId).filter(other -> !other.id().equals(self))
                    .ifPresent(other -> violations.add("priority", "policy " + other.name() + " covers "
                            + other.priority().key() + (customerId != null ? " for this customer"
                                    : serviceId != null ? " for this service" : " in general") + " already"));
        }
        violations.throwIfAny("Invalid SLA policy");
        return new Valid(name, priority, serviceId, customerId, calendarId, response, resolution, warning);
    }

    private UUID service(String text, Violations violations) {
        var id = violations.optionalId("service", text, "must be the id of a business service CI");
        if (id == null) {
            return null;
        }
        var ci = inventory.find(id).orElse(null);
        if (ci == null) {
            violations.add("service", "no configuration item " + id);
        } else if (ci.ciClass() != CiClass.BUSINESS_SERVICE) {
            violations.add("service", ci.name() + " is a " + ci.ciClass().label().toLowerCase()
                    + ", not a business service");
        }
        return id;
    }

    private UUID calendar(String text, Violations violations) {
        if (text == null || text.isBlank()) {
            return BusinessCalendar.ROUND_THE_CLOCK;
        }
        var calendar = calendars.find(text.strip());
        if (calendar == null) {
            violations.add("calendar", "no business calendar " + text.strip());
            return null;
        }
        return calendar.id();
    }

    private static Duration target(String field, String text, Violations violations) {
        if (text == null || text.isBlank()) {
            violations.add(field, "is required: a duration of working time such as PT30M or PT8H");
            return null;
        }
        try {
            var target = Duration.parse(text.strip());
            if (target.isNegative() || target.isZero()) {
                violations.add(field, "must be longer than zero");
            } else if (target.compareTo(MAX_TARGET) > 0) {
                violations.add(field, "must be at most " + MAX_TARGET.toDays() + " days");
            } else if (target.getNano() % 1_000_000 != 0) {
                violations.add(field, "must be in whole milliseconds");
            }
            return target;
        } catch (DateTimeParseException e) {
            violations.add(field, "must be an ISO-8601 duration such as PT30M, PT8H or P3D");
            return null;
        }
    }

    private static InvalidInputException duplicate(Priority priority) {
        return InvalidInputException.of("priority", "another policy covers " + priority.key()
                + " for the same service or customer already");
    }

    private record Valid(String name, Priority priority, UUID serviceId, UUID customerId, UUID calendarId,
            Duration response, Duration resolution, int warningPercent) {
    }
}
