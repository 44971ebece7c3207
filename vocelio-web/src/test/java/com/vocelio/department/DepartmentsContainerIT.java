package com.vocelio.department;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vocelio.department.boundary.DepartmentConflictException;
import com.vocelio.department.boundary.DepartmentRequest;
import com.vocelio.department.boundary.Departments;
import com.vocelio.department.boundary.UnknownDepartmentException;
import com.vocelio.identity.boundary.RegistrationRequest;
import com.vocelio.identity.boundary.Registrations;
import com.vocelio.platform.control.CurrentTenant;
import jakarta.inject.Inject;
import java.io.File;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The {@link Departments} boundary inside Payara Micro, on the application's own datasource against a real
 * PostgreSQL ({@link ContainerDatabase}): department names are unique per organization whatever their case, the
 * refusal reaches the caller as the business exception itself, and nothing is written; another organization sees
 * none of it.
 */
@ExtendWith(ArquillianExtension.class)
class DepartmentsContainerIT {

    @Deployment
    static WebArchive deployment() {
        // the fat war this build just packaged, as it ships, plus this class
        var war = new File(System.getProperty("vocelio.it.war", "target/vocelio.war"));
        return ShrinkWrap.createFromZipFile(WebArchive.class, war).addClass(DepartmentsContainerIT.class);
    }

    @Inject
    Departments departments;

    @Inject
    Registrations registrations;

    @Inject
    CurrentTenant tenant;

    @Test
    void aNameDifferingOnlyInCaseIsRefusedAndNothingIsWritten() throws Exception {
        assertTrue(databaseProduct().startsWith("PostgreSQL"), databaseProduct());
        String organization = newOrganization();
        String name = "Support " + UUID.randomUUID().toString().substring(0, 8);
        long rowsBefore = rowsNamed(name);

        var created = tenant.runAs(organization, () -> departments.create(DepartmentRequest.of(name, "+15551230004")));

        assertEquals(1, tenant.runAs(organization, departments::all).size());
        assertEquals(rowsBefore + 1, rowsNamed(name), "committed to PostgreSQL");

        var conflict = assertThrows(
                DepartmentConflictException.class,
                () -> tenant.runAs(
                        organization,
                        () -> departments.create(DepartmentRequest.of(name.toUpperCase(), "+15551230005"))));

        assertEquals("department_exists", conflict.code());
        assertEquals(1, tenant.runAs(organization, departments::all).size(), "no second department");
        assertEquals(rowsBefore + 1, rowsNamed(name), "no row half-written in PostgreSQL");
        assertEquals(
                created.id(),
                tenant.runAs(organization, () -> departments.resolve(name.toUpperCase()))
                        .id());
    }

    @Test
    void anotherOrganizationNeitherSeesNorClashesWithIt() {
        String first = newOrganization();
        String second = newOrganization();
        String name = "Billing " + UUID.randomUUID().toString().substring(0, 8);
        var created = tenant.runAs(first, () -> departments.create(DepartmentRequest.of(name, "+15551230004")));

        assertTrue(tenant.runAs(second, departments::all).isEmpty());
        assertTrue(tenant.runAs(second, () -> departments.find(created.id())).isEmpty());
        assertThrows(UnknownDepartmentException.class, () -> tenant.runAs(second, () -> departments.resolve(name)));
        // the same name is free in the other organization
        tenant.runAs(second, () -> departments.create(DepartmentRequest.of(name, "+15551230005")));
    }

    private String newOrganization() {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        return registrations
                .register(new RegistrationRequest(
                        "admin@" + suffix + ".example.com", "password123", "A", "Dmin", "Org " + suffix, "c" + suffix))
                .organization()
                .id();
    }

    private String databaseProduct() throws SQLException, NamingException {
        try (var connection = connection()) {
            return connection.getMetaData().getDatabaseProductName();
        }
    }

    /** Across all organizations, straight from the table: what EclipseLink might cache does not count. */
    private long rowsNamed(String name) throws SQLException, NamingException {
        try (var connection = connection();
                var query =
                        connection.prepareStatement("select count(*) from departments where lower(name) = lower(?)")) {
            query.setString(1, name);
            try (var rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /**
     * The application's own datasource ({@code SchemaMigrator}), looked up when the test runs: as an {@code @Resource}
     * field it would be checked at deployment, and a failed deployment only surfaces as "ArquillianServletRunnerEE9
     * not found".
     */
    private static Connection connection() throws SQLException, NamingException {
        return InitialContext.<DataSource>doLookup("java:app/jdbc/vocelio").getConnection();
    }
}
