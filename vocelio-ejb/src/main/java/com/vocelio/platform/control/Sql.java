package com.vocelio.platform.control;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.util.List;

/**
 * Native SQL where JPQL cannot say it ({@code FOR UPDATE SKIP LOCKED}, jsonb containment). EclipseLink refuses
 * native SQL once multitenant entities exist unless asked per query, and never filters it: callers name the tenant.
 */
public final class Sql {

    private Sql() {}

    public static Query of(EntityManager em, String sql) {
        return em.createNativeQuery(sql).setHint("eclipselink.jdbc.allow-native-sql-query", true);
    }

    public static String jsonArray(List<String> values) {
        var array = Jsons.arrayBuilder();
        values.forEach(array::add);
        return array.build().toString();
    }
}
