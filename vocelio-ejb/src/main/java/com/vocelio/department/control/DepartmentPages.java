package com.vocelio.department.control;

import com.vocelio.department.entity.Department;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Order;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Pages of the department listing, filtered, ordered and cut by the database (the console's lazy table). */
@ApplicationScoped
public class DepartmentPages {

    @PersistenceContext(unitName = "vocelio")
    EntityManager em;

    public List<Department> page(DepartmentPage page) {
        var cb = em.getCriteriaBuilder();
        var query = cb.createQuery(Department.class);
        var department = query.from(Department.class);
        Order order = page.descending()
                ? cb.desc(department.get(page.sortAttribute()))
                : cb.asc(department.get(page.sortAttribute()));
        query.select(department).where(matching(cb, department, page)).orderBy(order, cb.asc(department.get("id")));
        return em.createQuery(query)
                .setFirstResult(page.first())
                .setMaxResults(page.size())
                .getResultList();
    }

    public long count(DepartmentPage page) {
        var cb = em.getCriteriaBuilder();
        var query = cb.createQuery(Long.class);
        var department = query.from(Department.class);
        query.select(cb.count(department)).where(matching(cb, department, page));
        return em.createQuery(query).getSingleResult();
    }

    private static Predicate[] matching(CriteriaBuilder cb, Root<Department> department, DepartmentPage page) {
        var where = new ArrayList<Predicate>();
        if (page.nameContains() != null && !page.nameContains().isBlank()) {
            String pattern = "%"
                    + page.nameContains()
                            .strip()
                            .toLowerCase(Locale.ROOT)
                            .replace("\\", "\\\\")
                            .replace("%", "\\%")
                            .replace("_", "\\_")
                    + "%";
            where.add(cb.like(cb.lower(department.get("name")), pattern, '\\'));
        }
        if (page.active() != null) {
            where.add(cb.equal(department.get("active"), page.active()));
        }
        return where.toArray(Predicate[]::new);
    }
}
