package io.opsline.monitoring.internal.template;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.opsline.inventory.CiSaved;
import io.opsline.monitoring.internal.MonitoringProperties;
import io.opsline.monitoring.internal.Wording;

/**
 * Keeps templated checks in line with their templates and the CIs they match. A saved CI is
 * brought in line inside the transaction that saved it ({@link CiSaved}); every template is
 * also applied again at start-up and then periodically, which catches whatever no event
 * announced (a node that was down, a CI changed straight in the database) and gives a CI the
 * check of a template once a clashing check of the same name is gone. Every node runs the
 * rounds; the template's row lock makes them take turns where there is work.
 */
@Component
class TemplateReconciler implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(TemplateReconciler.class);

    private final TemplateRepository templates;
    private final TemplateApplier applier;
    private final TransactionTemplate transactions;
    private final Duration interval;
    /** The CIs each template skipped in the last round, so that a lasting clash is logged once, not every round. */
    private final Map<UUID, Set<UUID>> reportedSkips = new ConcurrentHashMap<>();

    TemplateReconciler(TemplateRepository templates, TemplateApplier applier,
            PlatformTransactionManager transactionManager, MonitoringProperties properties) {
        this.templates = templates;
        this.applier = applier;
        this.transactions = new TransactionTemplate(transactionManager);
        this.interval = properties.templateReconcileInterval();
    }

    @EventListener
    void on(CiSaved event) {
        applier.applyToCi(event.ciId());
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(this::reconcileAll, interval, Duration.ZERO));
    }

    /** One round: every template applied again, each in a transaction of its own. */
    void reconcileAll() {
        var ids = templates.allIds();
        for (var id : ids) {
            try {
                var round = transactions.execute(status -> templates.findById(id).map(this::round).orElse(null));
                if (round != null) {
                    logRound(round.template(), round.report());
                }
            } catch (RuntimeException e) {
                log.warn("Applying check template {} failed; the next round tries again: {}", id,
                        Wording.rootCause(e));
            }
        }
        reportedSkips.keySet().retainAll(new HashSet<>(ids));
    }

    private record Round(CheckTemplate template, ApplyReport report) {
    }

    /**
     * Applies a template if it is out of line. Most rounds find nothing to do and so take no lock
     * (on PostgreSQL even a row lock is a write); one that has work locks the template and works
     * it out again.
     */
    private Round round(CheckTemplate template) {
        var plan = applier.plan(template);
        if (plan.changesNothing()) {
            return new Round(template, plan.report());
        }
        return templates.lock(template.id()).map(locked -> new Round(locked, applier.apply(locked))).orElse(null);
    }

    private void logRound(CheckTemplate template, ApplyReport report) {
        if (report.changedSomething()) {
            log.info("Check template {} was out of line: {} check(s) created, {} updated, {} removed",
                    template.describe(), report.created(), report.updated(), report.removed());
        }
        var skipped = new HashSet<UUID>();
        for (var skip : report.skipped()) {
            skipped.add(skip.ciId());
            if (!reportedSkips.getOrDefault(template.id(), Set.of()).contains(skip.ciId())) {
                log.info("Check template {} skips CI {} ({}): it {}", template.describe(), skip.ciName(), skip.ciId(),
                        skip.reason());
            }
        }
        reportedSkips.put(template.id(), skipped);
    }
}
