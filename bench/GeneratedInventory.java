import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * A made-up but plausible estate: business services over applications over databases, VMs,
 * servers and network devices in five sites, plus two structures whose impact is known exactly:
 * a data centre in Zurich whose core switch reaches {@code subgraph} CIs, and a chain of
 * {@code chain} microservices each depending on the one before.
 */
final class GeneratedInventory {

    static final List<String> CLASSES = List.of("business_service", "application", "database", "virtual_machine",
            "server", "network_device", "website");
    static final List<String> TEAMS = List.of("platform", "network", "dba", "payments", "web", "identity",
            "data", "observability", "storage", "security", "mobile", "support");
    static final List<String> SITES = List.of("fra", "ams", "lon", "nyc", "sin");
    static final List<String> TYPES = List.of("depends_on", "runs_on", "connected_to", "part_of");
    static final int DEPENDS_ON = 0;
    static final int RUNS_ON = 1;
    static final int CONNECTED_TO = 2;
    static final int PART_OF = 3;
    private static final Map<String, String> PREFIX = Map.of("business_service", "bsvc", "application", "app",
            "database", "db", "virtual_machine", "vm", "server", "srv", "network_device", "net", "website",
            "web");
    private static final List<String> SERVICE_NAMES = List.of("Online payments", "Customer portal", "Mobile banking",
            "Order fulfilment", "Payroll", "E-mail", "Identity and access", "Data warehouse", "Search",
            "Checkout", "Invoicing", "Support desk", "Logistics tracking", "Partner API", "Video streaming");

    /** One generated CI; fields hold what the CSV row says, normalised as Opsline stores it. */
    static final class Ci {
        final int index;
        final String externalId;
        final String ciClass;
        final String name;
        String status = "active";
        String environment = "production";
        String criticality = "medium";
        String team;
        String location;
        String description;
        String vendor;
        String model;
        String serial;
        String purchaseDate;
        String purchaseCost;
        String warrantyEnd;
        String endOfLife;
        final List<String> tags = new ArrayList<>();
        final List<String> addresses = new ArrayList<>();
        final TreeMap<String, String> attributes = new TreeMap<>();
        private String searchText;

        Ci(int index, String ciClass, String name) {
            this.index = index;
            this.externalId = "ext-%08d".formatted(index);
            this.ciClass = ciClass;
            this.name = name;
        }

        String ciClassConstant() {
            return ciClass.toUpperCase(Locale.ROOT);
        }

        /** Whether the list's text search finds this CI: the fields Opsline searches, lower-cased. */
        boolean matches(String term) {
            if (searchText == null) {
                var text = new StringBuilder(name).append(' ').append(externalId);
                for (var value : Arrays.asList(location, vendor, model, serial)) {
                    if (value != null) {
                        text.append(' ').append(value);
                    }
                }
                tags.forEach(t -> text.append(' ').append(t));
                addresses.forEach(a -> text.append(' ').append(a));
                attributes.values().forEach(v -> text.append(' ').append(v));
                searchText = text.toString().toLowerCase(Locale.ROOT);
            }
            return searchText.contains(term.toLowerCase(Locale.ROOT));
        }
    }

    final List<Ci> cis = new ArrayList<>();
    private final int[] relSource;
    private final int[] relTarget;
    private final byte[] relType;
    private int relCount;
    private final Set<Long> relKeys = new HashSet<>();
    private final Random random;
    private final Map<String, Integer> counters = new HashMap<>();
    int subgraphRoot;
    int chainStart;
    int chainEnd;
    private int expectedSubgraph;
    private int expectedChain;
    private int[][] impactOut;
    private int[][] impactIn;

    private GeneratedInventory(InventoryBench.Options options) {
        this.random = new Random(options.seed());
        this.relSource = new int[options.relationships()];
        this.relTarget = new int[options.relationships()];
        this.relType = new byte[options.relationships()];
    }

    static GeneratedInventory generate(InventoryBench.Options options) {
        var inventory = new GeneratedInventory(options);
        inventory.build(options);
        return inventory;
    }

    private void build(InventoryBench.Options options) {
        int reach = options.subgraph();
        int chain = options.chain();
        int general = options.cis() - (reach + 1) - chain;
        if (general < 2000) {
            throw new InventoryBench.BenchError("--cis %d leaves too few CIs beside the chain (%d) and subgraph (%d);"
                    .formatted(options.cis(), chain, reach) + " use more CIs or a smaller --chain/--subgraph");
        }
        // The general estate, by class.
        var byClass = new LinkedHashMap<String, List<Integer>>();
        var mix = new LinkedHashMap<String, Double>();
        mix.put("business_service", 0.004);
        mix.put("application", 0.15);
        mix.put("database", 0.05);
        mix.put("server", 0.2);
        mix.put("network_device", 0.05);
        mix.put("website", 0.046);
        int assigned = 0;
        for (var entry : mix.entrySet()) {
            int count = Math.max(1, (int) Math.round(general * entry.getValue()));
            byClass.put(entry.getKey(), addCis(entry.getKey(), count, null));
            assigned += count;
        }
        byClass.put("virtual_machine", addCis("virtual_machine", general - assigned, null));

        // The Zurich data centre: everything reached from its core switch.
        subgraphRoot = addCi("network_device", "zrh");
        var root = cis.get(subgraphRoot);
        root.attributes.put("role", "core");
        root.description = "Core switch of the Zurich data centre";
        root.criticality = "high";
        root.status = "active";
        int access = Math.max(1, (int) Math.round(reach * 0.004));
        int servers = Math.max(1, (int) Math.round(reach * 0.04));
        int services = Math.max(1, (int) Math.round(reach * 0.006));
        int databases = Math.max(1, (int) Math.round(reach * 0.05));
        int apps = Math.max(services, (int) Math.round(reach * 0.3));
        int vms = reach - access - servers - services - databases - apps;
        var zAccess = addCis("network_device", access, "zrh");
        var zServers = addCis("server", servers, "zrh");
        var zVms = addCis("virtual_machine", vms, "zrh");
        var zDatabases = addCis("database", databases, "zrh");
        var zApps = addCis("application", apps, "zrh");
        var zServices = addCis("business_service", services, "zrh");
        expectedSubgraph = reach;

        // The chain: svc 0 <- svc 1 <- ... ; its last link is a business service.
        var chainIds = addCis("application", chain - 1, "ber");
        chainIds.add(addCi("business_service", "ber"));
        chainStart = chainIds.getFirst();
        chainEnd = chainIds.getLast();
        expectedChain = chain - 1;

        // Relationships of the chain and the data centre first, then the general estate.
        for (int i = 1; i < chainIds.size(); i++) {
            relate(chainIds.get(i), i % 5 == 0 ? RUNS_ON : DEPENDS_ON, chainIds.get(i - 1));
        }
        zAccess.forEach(a -> relate(a, CONNECTED_TO, subgraphRoot));
        for (int i = 0; i < zServers.size(); i++) {
            relate(zServers.get(i), CONNECTED_TO, zAccess.get(i % access));
            if (access > 1 && random.nextBoolean()) {
                relate(zServers.get(i), CONNECTED_TO, zAccess.get((i + 1) % access));
            }
        }
        zVms.forEach(vm -> relate(vm, RUNS_ON, pick(zServers)));
        zDatabases.forEach(db -> relate(db, RUNS_ON, pick(zVms)));
        for (int i = 0; i < zApps.size(); i++) {
            var app = zApps.get(i);
            relate(app, RUNS_ON, pick(zVms));
            if (random.nextInt(10) < 4) {
                relate(app, RUNS_ON, pick(zVms));
            }
            if (random.nextInt(10) < 7) {
                relate(app, DEPENDS_ON, pick(zDatabases));
            }
            if (random.nextInt(10) < 2) {
                // Shared databases elsewhere: failure comes in from outside, never goes out.
                relate(app, DEPENDS_ON, pick(byClass.get("database")));
            }
            relate(app, PART_OF, zServices.get(i % services));
        }

        var nets = byClass.get("network_device");
        var srvs = byClass.get("server");
        var vmList = byClass.get("virtual_machine");
        var dbs = byClass.get("database");
        var appList = byClass.get("application");
        var webs = byClass.get("website");
        var bss = byClass.get("business_service");
        for (int i = 1; i < nets.size(); i++) {
            relate(nets.get(i), CONNECTED_TO, nets.get((i - 1) / 8));
        }
        srvs.forEach(s -> {
            relate(s, CONNECTED_TO, pick(nets));
            relate(s, CONNECTED_TO, pick(nets));
        });
        vmList.forEach(vm -> relate(vm, RUNS_ON, pick(srvs)));
        dbs.forEach(db -> relate(db, RUNS_ON, pick(vmList)));
        appList.forEach(app -> {
            for (int k = 1 + random.nextInt(3); k > 0; k--) {
                relate(app, RUNS_ON, pick(vmList));
            }
            for (int k = 1 + random.nextInt(2); k > 0; k--) {
                relate(app, DEPENDS_ON, pick(dbs));
            }
            relate(app, PART_OF, pick(bss));
        });
        webs.forEach(web -> relate(web, DEPENDS_ON, pick(appList)));
        if (relCount > relSource.length) {
            throw new InventoryBench.BenchError("--relationships %d is too few: the estate's structure alone needs %d"
                    .formatted(relSource.length, relCount));
        }
        while (relCount < relSource.length) {
            int kind = random.nextInt(100);
            if (kind < 45) {
                relate(pick(appList), DEPENDS_ON, pick(appList));
            } else if (kind < 70) {
                relate(pick(vmList), CONNECTED_TO, pick(nets));
            } else if (kind < 85) {
                relate(pick(appList), DEPENDS_ON, pick(dbs));
            } else if (kind < 95) {
                relate(pick(webs), DEPENDS_ON, pick(appList));
            } else {
                relate(pick(dbs), DEPENDS_ON, pick(dbs));
            }
        }
    }

    private int pick(List<Integer> from) {
        return from.get(random.nextInt(from.size()));
    }

    private List<Integer> addCis(String ciClass, int count, String site) {
        var ids = new ArrayList<Integer>(count);
        for (int i = 0; i < count; i++) {
            ids.add(addCi(ciClass, site != null ? site : SITES.get(i % SITES.size())));
        }
        return ids;
    }

    /** Adds one CI with plausible fields; names are prefix-site-number so every collation sorts them alike. */
    private int addCi(String ciClass, String site) {
        var prefix = site.equals("ber") && ciClass.equals("application") ? "svc" : PREFIX.get(ciClass);
        var key = prefix + "-" + site;
        int number = counters.merge(key, 1, Integer::sum);
        var ci = new Ci(cis.size(), ciClass, "%s-%s-%06d".formatted(prefix, site, number));
        var r = random;
        ci.status = weighted(r, "active", 80, "maintenance", 5, "planned", 7, "retired", 8);
        ci.environment = weighted(r, "production", 60, "staging", 15, "test", 15, "development", 10);
        ci.criticality = weighted(r, "high", 20, "medium", 50, "low", 30);
        ci.team = r.nextInt(10) < 7 ? TEAMS.get(r.nextInt(TEAMS.size())) : null;
        var tags = new java.util.TreeSet<String>();
        tags.add("site:" + site);
        var domain = site + ".example.net";
        switch (ciClass) {
            case "server" -> {
                ci.location = "%s-dc1 / row %d / rack %d".formatted(site, 1 + r.nextInt(20), 1 + r.nextInt(40));
                hardware(ci, r, List.of("Dell", "HPE", "Lenovo", "Supermicro"),
                        List.of("PowerEdge R750", "ProLiant DL380 Gen10", "ThinkSystem SR650", "SYS-1029P"));
                operatingSystem(ci, r, tags);
                ci.attributes.put("cpu_cores", String.valueOf(16 << r.nextInt(3)));
                ci.attributes.put("memory_gb", String.valueOf(128 << r.nextInt(3)));
                ci.addresses.add(ip(ci.index));
                ci.addresses.add(ci.name + "." + domain);
            }
            case "virtual_machine" -> {
                ci.location = site;
                operatingSystem(ci, r, tags);
                ci.attributes.put("cpu_cores", String.valueOf(1 << r.nextInt(4)));
                ci.attributes.put("memory_gb", String.valueOf(2 << r.nextInt(5)));
                ci.attributes.put("hypervisor", r.nextBoolean() ? "vmware" : "kvm");
                ci.addresses.add(ip(ci.index));
                if (r.nextBoolean()) {
                    ci.addresses.add(ci.name + "." + domain);
                }
            }
            case "network_device" -> {
                ci.location = "%s-dc1 / row %d / rack %d".formatted(site, 1 + r.nextInt(20), 1 + r.nextInt(40));
                hardware(ci, r, List.of("Cisco", "Juniper", "Arista"),
                        List.of("Nexus 9300", "QFX5120", "7050X3", "Catalyst 9500"));
                ci.attributes.putIfAbsent("role", r.nextInt(4) == 0 ? "firewall" : "access");
                ci.attributes.put("firmware", "%d.%d.%d".formatted(9 + r.nextInt(8), r.nextInt(10), r.nextInt(20)));
                ci.addresses.add(ip(ci.index));
            }
            case "database" -> {
                ci.location = site;
                var engine = List.of("postgresql", "oracle", "mysql", "mssql").get(r.nextInt(4));
                ci.attributes.put("engine", engine);
                ci.attributes.put("engine_version", "%d.%d".formatted(10 + r.nextInt(9), r.nextInt(10)));
                ci.attributes.put("port", engine.equals("oracle") ? "1521" : engine.equals("mssql") ? "1433"
                        : engine.equals("mysql") ? "3306" : "5432");
                ci.addresses.add(ci.name + "." + domain);
                if (r.nextInt(3) == 0) {
                    tags.add("backup-daily");
                }
            }
            case "application" -> {
                ci.attributes.put("runtime", List.of("java", "python", "go", "node", "dotnet").get(r.nextInt(5)));
                ci.attributes.put("version", "%d.%d.%d".formatted(r.nextInt(5), r.nextInt(30), r.nextInt(10)));
                ci.attributes.put("repository", "git.example.net/" + (ci.team == null ? "misc" : ci.team) + "/"
                        + ci.name);
                if (r.nextInt(3) == 0) {
                    tags.add("k8s");
                }
            }
            case "website" -> {
                var host = ci.name + ".example.com";
                ci.addresses.add(host);
                ci.attributes.put("url", "https://" + host + "/");
            }
            case "business_service" -> {
                ci.description = SERVICE_NAMES.get(r.nextInt(SERVICE_NAMES.size())) + " for " + site;
                ci.criticality = r.nextInt(3) == 0 ? "medium" : "high";
                tags.add("customer-facing");
            }
            default -> throw new IllegalStateException(ciClass);
        }
        for (var tag : List.of("pci", "gdpr", "dmz", "monitored", "legacy", "backup-weekly", "internal")) {
            if (r.nextInt(100) < (tag.equals("monitored") ? 60 : 8)) {
                tags.add(tag);
            }
        }
        if (ci.description == null && r.nextInt(4) == 0) {
            ci.description = "Managed by " + (ci.team == null ? "nobody yet" : "the " + ci.team + " team")
                    + ", see the runbook, \"section 4\"";
        }
        ci.tags.addAll(tags);
        Collections.sort(ci.addresses);
        cis.add(ci);
        return ci.index;
    }

    private static void hardware(Ci ci, Random r, List<String> vendors, List<String> models) {
        int v = r.nextInt(vendors.size());
        ci.vendor = vendors.get(v);
        ci.model = models.get(Math.min(v, models.size() - 1));
        ci.serial = "SN-%08X".formatted(r.nextInt() & 0x7fffffff);
        var bought = LocalDate.of(2017, 1, 1).plusDays(r.nextInt(2500));
        ci.purchaseDate = bought.toString();
        ci.purchaseCost = "%d.%02d".formatted(2000 + r.nextInt(30000), r.nextInt(100));
        ci.warrantyEnd = bought.plusYears(3 + r.nextInt(3)).toString();
        ci.endOfLife = bought.plusYears(7).toString();
    }

    private static void operatingSystem(Ci ci, Random r, Set<String> tags) {
        var os = List.of("ubuntu", "rhel", "debian", "windows").get(r.nextInt(4));
        ci.attributes.put("os", os);
        ci.attributes.put("os_version", switch (os) {
            case "ubuntu" -> List.of("20.04", "22.04", "24.04").get(r.nextInt(3));
            case "rhel" -> List.of("8.9", "9.3").get(r.nextInt(2));
            case "debian" -> List.of("11", "12").get(r.nextInt(2));
            default -> List.of("2019", "2022").get(r.nextInt(2));
        });
        tags.add(os.equals("windows") ? "windows" : "linux");
    }

    private static String ip(int index) {
        return "10.%d.%d.%d".formatted((index >> 16) & 255, (index >> 8) & 255, index & 255);
    }

    private static String weighted(Random r, Object... choices) {
        int total = 0;
        for (int i = 1; i < choices.length; i += 2) {
            total += (Integer) choices[i];
        }
        int x = r.nextInt(total);
        for (int i = 0; i < choices.length; i += 2) {
            x -= (Integer) choices[i + 1];
            if (x < 0) {
                return (String) choices[i];
            }
        }
        throw new IllegalStateException();
    }

    /** Adds a relationship unless it exists already or would exceed the requested count. */
    private void relate(int source, int type, int target) {
        if (source == target) {
            return;
        }
        long key = ((long) source * cis.size() + target) * 4 + type;
        if (!relKeys.add(key)) {
            return;
        }
        if (relCount < relSource.length) {
            relSource[relCount] = source;
            relTarget[relCount] = target;
            relType[relCount] = (byte) type;
        }
        relCount++;
    }

    int relationshipCount() {
        return relCount;
    }

    List<String> tagsInUse() {
        var tags = new java.util.TreeSet<String>();
        cis.forEach(ci -> tags.addAll(ci.tags));
        return new ArrayList<>(tags);
    }

    String classSummary() {
        var counts = new TreeMap<String, Integer>();
        cis.forEach(ci -> counts.merge(ci.ciClass, 1, Integer::sum));
        var text = new StringBuilder();
        counts.forEach((k, v) -> text.append(text.isEmpty() ? "" : ", ").append("%,d %s".formatted(v, k)));
        return text.toString();
    }

    /** Makes sure the structures have the sizes they were built to have, so the server is checked against truth. */
    void selfCheck() {
        var subgraph = reach(subgraphRoot, true).size();
        var chain = reach(chainStart, true).size();
        var chainBack = reach(chainEnd, false).size();
        if (subgraph != expectedSubgraph || chain != expectedChain || chainBack != expectedChain) {
            throw new InventoryBench.BenchError("generator bug: subgraph %d (want %d), chain %d/%d (want %d)".formatted(subgraph,
                    expectedSubgraph, chain, chainBack, expectedChain));
        }
        System.out.printf("  impact sizes: Zurich core switch reaches %,d CIs; chain of %,d links (%,d each way)%n",
                subgraph, chain + 1, chain);
    }

    /**
     * Every CI reached from {@code root} with its shortest distance, following failure downstream
     * (impacted) or upstream (dependencies), as Opsline defines it.
     */
    Map<Integer, Integer> reach(int root, boolean impacted) {
        if (impactOut == null) {
            int n = cis.size();
            var outDegree = new int[n];
            var inDegree = new int[n];
            for (int i = 0; i < relCount; i++) {
                outDegree[impactFrom(i)]++;
                inDegree[impactTo(i)]++;
            }
            impactOut = new int[n][];
            impactIn = new int[n][];
            for (int i = 0; i < n; i++) {
                impactOut[i] = new int[outDegree[i]];
                impactIn[i] = new int[inDegree[i]];
            }
            Arrays.fill(outDegree, 0);
            Arrays.fill(inDegree, 0);
            for (int i = 0; i < relCount; i++) {
                int from = impactFrom(i);
                int to = impactTo(i);
                impactOut[from][outDegree[from]++] = to;
                impactIn[to][inDegree[to]++] = from;
            }
        }
        var graph = impacted ? impactOut : impactIn;
        var depth = new HashMap<Integer, Integer>();
        depth.put(root, 0);
        var queue = new ArrayDeque<Integer>();
        queue.add(root);
        while (!queue.isEmpty()) {
            int current = queue.poll();
            int next = depth.get(current) + 1;
            for (int to : graph[current]) {
                if (!depth.containsKey(to)) {
                    depth.put(to, next);
                    queue.add(to);
                }
            }
        }
        depth.remove(root);
        return depth;
    }

    /** part_of: a failing part impacts its whole; every other type: a failing target impacts its source. */
    private int impactFrom(int rel) {
        return relType[rel] == PART_OF ? relSource[rel] : relTarget[rel];
    }

    private int impactTo(int rel) {
        return relType[rel] == PART_OF ? relTarget[rel] : relSource[rel];
    }

    static final List<String> CI_COLUMNS = List.of("external_id", "class", "name", "status", "environment",
            "criticality", "owner_team", "location", "description", "tags", "addresses", "vendor", "model",
            "serial_number", "purchase_date", "purchase_cost", "warranty_end", "end_of_life");

    byte[] ciCsv(int from, int to) {
        var attributeNames = new java.util.TreeSet<String>();
        cis.forEach(ci -> attributeNames.addAll(ci.attributes.keySet()));
        var out = new StringBuilder(400 * (to - from));
        var header = new ArrayList<>(CI_COLUMNS);
        attributeNames.forEach(a -> header.add("attr." + a));
        out.append(String.join(",", header)).append("\r\n");
        for (var ci : cis.subList(from, to)) {
            var cells = new ArrayList<String>(Arrays.asList(ci.externalId, ci.ciClass, ci.name, ci.status,
                    ci.environment, ci.criticality, ci.team, ci.location, ci.description, String.join(";", ci.tags),
                    String.join(";", ci.addresses), ci.vendor, ci.model, ci.serial, ci.purchaseDate,
                    ci.purchaseCost, ci.warrantyEnd, ci.endOfLife));
            attributeNames.forEach(a -> cells.add(ci.attributes.get(a)));
            for (int i = 0; i < cells.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                csvCell(out, cells.get(i));
            }
            out.append("\r\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    byte[] relationshipCsv() {
        var out = new StringBuilder(40 * relCount);
        out.append("source_external_id,type,target_external_id\r\n");
        for (int i = 0; i < relCount; i++) {
            out.append(cis.get(relSource[i]).externalId).append(',').append(TYPES.get(relType[i])).append(',')
                    .append(cis.get(relTarget[i]).externalId).append("\r\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void csvCell(StringBuilder out, String value) {
        if (value == null) {
            return;
        }
        if (value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0) {
            out.append('"').append(value.replace("\"", "\"\"")).append('"');
        } else {
            out.append(value);
        }
    }
}
