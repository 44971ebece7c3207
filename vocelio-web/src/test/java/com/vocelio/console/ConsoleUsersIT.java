package com.vocelio.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vocelio.testing.Api;
import com.vocelio.testing.Routing;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The users page (admins only): a user created, linked to an agent, re-roled and deactivated through the page is the
 * API's user; a refused value is said next to its field; a supervisor does not get the page.
 */
class ConsoleUsersIT {

    @Test
    void anAdminCreatesLinksReRolesAndDeactivatesAUserAndASupervisorIsKeptOut() {
        var routing = Routing.newOrganization();
        String department = routing.department(Routing.unique("Users"), Map.of());
        String agentId = routing.agent(department);
        String email = Routing.unique("ann") + "@example.com";
        try (var browser = new Browser()) {
            browser.signIn(routing.organization().adminEmail());
            browser.await(ExpectedConditions.urlContains("/console/wallboard.xhtml"));
            browser.open("/console/users/index.xhtml");
            browser.click(By.id("users:new"));
            browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("userDialog")));
            browser.type(By.id("user:email"), email);
            browser.type(By.id("user:password"), "short");
            browser.type(By.id("user:first_name"), "Ann");
            browser.type(By.id("user:last_name"), "Example");
            new Select(browser.find(By.id("user:role"))).selectByValue("agent");
            new Select(browser.find(By.id("user:agent_id"))).selectByValue(agentId);
            browser.click(By.id("user:save"));
            browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("user:password_message"), "8"));
            assertTrue(user(routing, email).isEmpty(), "nothing was created");

            browser.type(By.id("user:password"), Api.PASSWORD);
            browser.screenshot("users-new");
            browser.click(By.id("user:save"));
            browser.await(ExpectedConditions.invisibilityOfElementLocated(By.id("userDialog")));
            browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("users:table"), email));
            var created = user(routing, email).orElseThrow();
            assertEquals("agent", created.getString("role"));
            assertEquals(agentId, created.getString("agent_id"));
            assertEquals("Ann", created.getString("first_name"));

            browser.click(row(email, ":edit"));
            browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("userDialog")));
            browser.await(ExpectedConditions.attributeToBe(By.id("user:first_name"), "value", "Ann"));
            new Select(browser.find(By.id("user:role"))).selectByValue("supervisor");
            browser.click(By.id("user:save"));
            browser.await(ExpectedConditions.invisibilityOfElementLocated(By.id("userDialog")));
            browser.await(
                    d -> "supervisor".equals(user(routing, email).orElseThrow().getString("role")));
            assertEquals(agentId, user(routing, email).orElseThrow().getString("agent_id"), "the link stays");
            browser.screenshot("users");

            browser.click(By.id("menu:signOut"));
            browser.signIn(email);
            browser.await(ExpectedConditions.urlContains("/console/wallboard.xhtml"));
            browser.open("/console/users/index.xhtml");
            assertTrue(browser.text(By.id("adminOnly")).contains("Only admins"));
            assertTrue(browser.driver.findElements(By.id("users:table")).isEmpty());
            assertTrue(browser.driver.findElements(By.id("menu:users")).isEmpty(), "no menu entry either");
            browser.click(By.id("menu:signOut"));

            browser.signIn(routing.organization().adminEmail());
            browser.await(ExpectedConditions.urlContains("/console/wallboard.xhtml"));
            browser.open("/console/users/index.xhtml");
            browser.click(row(email, ":deactivate"));
            browser.click(By.id("confirmation:confirmYes"));
            browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), email));
            assertFalse(user(routing, email).orElseThrow().getBoolean("active"));
        }
    }

    private static By row(String email, String idSuffix) {
        return By.xpath("//tr[.//span[text()='" + email + "']]//button[contains(@id, '" + idSuffix + "')]");
    }

    private static java.util.Optional<JsonPath> user(Routing routing, String email) {
        JsonPath users = routing.admin()
                .get("/api/users")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        int index = users.getList("users.email", String.class).indexOf(email);
        return index < 0
                ? java.util.Optional.empty()
                : java.util.Optional.of(users.setRootPath("users[" + index + "]"));
    }
}
