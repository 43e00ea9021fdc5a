package io.opsline.monitoring.internal.localhost;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.opsline.inventory.CiClass;
import io.opsline.inventory.Inventory;
import io.opsline.monitoring.internal.CheckDefinitions;
import io.opsline.monitoring.internal.CheckInput;
import io.opsline.monitoring.internal.MonitoringProperties;
import io.opsline.monitoring.internal.Wording;
import io.opsline.monitoring.internal.nagios.PluginPathException;
import io.opsline.monitoring.internal.nagios.PluginRunner;

/**
 * At start-up, installs the bundled plugins and, the first time Opsline starts
 * ({@code opsline.monitoring.register-local-host}), registers the host it runs on: a
 * {@code server} CI named after the machine, address 127.0.0.1, tagged {@code opsline} and
 * {@code linux}, with checks of its disk, load, memory and Opsline's own health endpoint. That it
 * did is stored in the database, so a user who deletes the CI or a check is not overruled at the
 * next start; when nodes start together on one database, exactly one registers its host.
 *
 * <p>The checks run on whichever node the scheduler gives them to: with several nodes, the
 * disk, load and memory checks measure that node, not necessarily the one named.
 */
@Component
class LocalHostRegistration implements ApplicationRunner {

    static final String SETTING = "local-host.ci";
    static final List<String> TAGS = List.of("linux", "opsline");
    private static final Logger log = LoggerFactory.getLogger(LocalHostRegistration.class);

    private final BundledPlugins bundled;
    private final SettingRepository settings;
    private final Inventory inventory;
    private final CheckDefinitions checks;
    private final PluginRunner plugins;
    private final MonitoringProperties properties;
    private final Environment environment;
    private final TransactionTemplate transactions;

    LocalHostRegistration(BundledPlugins bundled, SettingRepository settings, Inventory inventory,
            CheckDefinitions checks, PluginRunner plugins, MonitoringProperties properties, Environment environment,
            PlatformTransactionManager transactionManager) {
        this.bundled = bundled;
        this.settings = settings;
        this.inventory = inventory;
        this.checks = checks;
        this.plugins = plugins;
        this.properties = properties;
        this.environment = environment;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    @Override
    public void run(ApplicationArguments args) {
        bundled.install();
        if (!properties.registerLocalHost()) {
            return;
        }
        try {
            transactions.executeWithoutResult(status -> register());
        } catch (DuplicateKeyException e) {
            log.info("Another Opsline node registered its host at the same moment");
        } catch (RuntimeException e) {
            // Opsline is useful without it; nothing was stored, so the next start tries again.
            log.warn("Could not register the host Opsline runs on; the next start tries again: {}",
                    Wording.rootCause(e));
        }
    }

    private void register() {
        if (settings.find(SETTING).isPresent()) {
            return;
        }
        // Claimed first: a second node starting now waits here, then finds the claim taken.
        settings.insert(SETTING, "");
        var name = hostName();
        var existing = inventory.findByName(CiClass.SERVER, name);
        existing.ifPresent(ci -> log.info("A server named {} exists already; it is taken as the host Opsline runs on",
                name));
        var ci = existing.orElseGet(() -> inventory.create(CiClass.SERVER, name, List.of("127.0.0.1"), TAGS));
        var added = new ArrayList<String>();
        for (var check : defaultChecks(ci.id().toString())) {
            if (check.params().get("plugin") instanceof String plugin && !pluginExists(plugin, check.name())) {
                continue;
            }
            if (checks.hasCheckNamed(ci.id(), check.name())) {
                log.info("Not adding a {} check to {}: it has a check of that name already", check.name(), name);
                continue;
            }
            checks.create(check);
            added.add(check.name());
        }
        settings.update(SETTING, ci.id().toString());
        log.info("Registered the host Opsline runs on as server {} ({}) with the checks {}", name, ci.id(), added);
    }

    private boolean pluginExists(String plugin, String check) {
        try {
            plugins.resolve(plugin);
            return true;
        } catch (PluginPathException e) {
            log.info("Not adding a {} check to the host Opsline runs on: {}", check, e.getMessage());
            return false;
        }
    }

    private List<CheckInput> defaultChecks(String ci) {
        return List.of(
                plugin(ci, "disk", "check_disk", 300, "-w", "20%", "-c", "10%", "-p", "/"),
                // Per CPU (-r): over the 1, 5 and 15 minute averages.
                plugin(ci, "load", "check_load", 60, "-r", "-w", "2.0,1.5,1.2", "-c", "4.0,3.0,2.0"),
                plugin(ci, "memory", BundledPlugins.MEMORY, 60, "-w", "10%", "-c", "5%"),
                new CheckInput(ci, "opsline health", "http", Map.of("url", healthUrl(), "expectedStatus", List.of(200),
                        "jsonPath", "$.status", "jsonExpected", "UP", "verifyTls", false), 60, null, null, null, null,
                        null));
    }

    private static CheckInput plugin(String ci, String name, String plugin, int intervalSeconds, String... arguments) {
        return new CheckInput(ci, name, "plugin", Map.of("plugin", plugin, "arguments", List.of(arguments)),
                intervalSeconds, null, null, null, null, null);
    }

    /**
     * Where this node answers its health: the management port and base path when they are set apart,
     * else the server's, as configured (or as bound, when the port was chosen at start).
     */
    private String healthUrl() {
        var serverPort = port("local.server.port", "server.port", 8080);
        var managementPort = environment.getProperty("management.server.port", Integer.class);
        var apart = managementPort != null && managementPort > 0 && managementPort != serverPort;
        var port = apart ? port("local.management.port", "management.server.port", managementPort) : serverPort;
        var prefix = apart ? environment.getProperty("management.server.base-path", "")
                : environment.getProperty("server.servlet.context-path", "");
        var tls = environment.getProperty(apart ? "management.server.ssl.enabled" : "server.ssl.enabled",
                Boolean.class, false);
        return "%s://127.0.0.1:%d%s%s/%s".formatted(tls ? "https" : "http", port, trimSlash(prefix),
                trimSlash(environment.getProperty("management.endpoints.web.base-path", "/actuator")),
                environment.getProperty("management.endpoints.web.path-mapping.health", "health"));
    }

    private int port(String bound, String configured, int fallback) {
        var port = environment.getProperty(configured, Integer.class, fallback);
        return port > 0 ? port : environment.getProperty(bound, Integer.class, fallback);
    }

    private static String trimSlash(String path) {
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** The machine's name as the kernel has it, else as Java finds it. */
    static String hostName() {
        try {
            var name = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (IOException e) {
            // Not Linux, or /proc is not mounted: ask Java.
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
