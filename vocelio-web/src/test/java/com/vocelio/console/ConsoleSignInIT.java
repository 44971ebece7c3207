package com.vocelio.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vocelio.testing.Api;
import com.vocelio.testing.Http;
import com.vocelio.testing.Routing;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** Signing in to the console: who gets in, who is refused and how, signing out, a session that is gone. */
class ConsoleSignInIT {

    @Test
    void anAdminSignsInAndLandsOnTheWallboard() {
        var org = Api.newOrganization();
        try (var browser = new Browser()) {
            browser.open("/console/");
            browser.await(ExpectedConditions.urlContains("/console/sign-in.xhtml"));
            browser.screenshot("sign-in");
            browser.signIn(org.adminEmail());
            browser.await(ExpectedConditions.urlContains("/console/wallboard.xhtml"));
            assertTrue(browser.text(By.id("menu:signedInAs")).contains(org.adminEmail()));
            browser.find(By.id("board"));
            assertFalse(browser.driver.getPageSource().contains("Exception"));
        }
    }

    @Test
    void aSupervisorSignsIn() {
        var org = Api.newOrganization();
        var supervisor = Api.user(org, "supervisor", null);
        try (var browser = new Browser()) {
            browser.signIn(supervisor.email());
            browser.await(ExpectedConditions.urlContains("/console/wallboard.xhtml"));
            assertTrue(browser.text(By.id("menu:signedInAs")).contains("supervisor"));
        }
    }

    @Test
    void aWrongPasswordIsRefused() {
        var org = Api.newOrganization();
        try (var browser = new Browser()) {
            browser.signIn(org.adminEmail(), "not the password");
            assertTrue(browser.text(By.id("messages")).contains("Wrong email or password"));
            assertTrue(browser.path().endsWith("/console/sign-in.xhtml"));
            browser.open("/console/wallboard.xhtml");
            browser.await(ExpectedConditions.urlContains("/console/sign-in.xhtml"));
        }
    }

    @Test
    void anAgentIsRefusedWithAMessageAndItsSessionEnded() {
        var routing = Routing.newOrganization();
        String agentId = routing.agent(routing.unstaffedDepartment());
        var agentUser = Api.user(routing.organization(), "agent", agentId);
        try (var browser = new Browser()) {
            browser.signIn(agentUser.email());
            assertTrue(browser.text(By.id("messages")).contains("for supervisors and admins"));
            browser.screenshot("sign-in-agent-refused");
            browser.open("/console/departments/index.xhtml");
            browser.await(ExpectedConditions.urlContains("/console/sign-in.xhtml"));
        }
    }

    @Test
    void signingOutEndsTheSessionAndTheBackButtonShowsNothing() {
        var org = Api.newOrganization();
        try (var browser = new Browser()) {
            browser.signIn(org.adminEmail());
            browser.await(ExpectedConditions.urlContains("/console/wallboard.xhtml"));
            browser.click(By.id("menu:signOut"));
            browser.await(ExpectedConditions.urlContains("signedOut=true"));
            assertTrue(browser.text(By.id("messages")).contains("signed out"));
            browser.open("/console/wallboard.xhtml");
            browser.await(ExpectedConditions.urlContains("/console/sign-in.xhtml"));
        }
    }

    @Test
    void aSessionThatIsGoneSendsAnAjaxRequestToSignInNotToAStackTrace() {
        var org = Api.newOrganization();
        try (var browser = new Browser()) {
            browser.signIn(org.adminEmail());
            browser.await(ExpectedConditions.urlContains("/console/wallboard.xhtml"));
            browser.open("/console/departments/index.xhtml");
            browser.find(By.id("departments:table"));
            browser.driver.manage().deleteCookieNamed("JSESSIONID"); // as if the session had timed out
            browser.driver.manage().addCookie(new org.openqa.selenium.Cookie("JSESSIONID", "gone"));
            browser.type(By.id("departments:table:name:filter"), "x"); // an Ajax filter request
            browser.await(ExpectedConditions.urlContains("/console/sign-in.xhtml"));
            assertTrue(browser.text(By.id("messages")).contains("session expired"));
            assertFalse(browser.driver.getPageSource().contains("Exception"));
        }
    }

    @Test
    void consolePagesAreNotCachedAndCarryTheSecurityHeaders() {
        var reply = Http.send("GET", "/console/sign-in.xhtml", null, null);
        assertEquals(200, reply.status());
        assertEquals("no-store", reply.header("Cache-Control"));
        assertEquals("nosniff", reply.header("X-Content-Type-Options"));
        String policy = reply.header("Content-Security-Policy");
        assertTrue(policy.contains("nonce-"), "the page's scripts carry a nonce: " + policy);
        // clickjacking: no page of the console may be framed, in the one policy PrimeFaces sends
        assertTrue(policy.contains("frame-ancestors 'none'"), policy);
        assertTrue(policy.matches(".*script-src 'self' 'nonce-[^']+'.*"), policy);
        assertEquals("DENY", reply.header("X-Frame-Options"));
        var unsigned = Http.send("GET", "/console/wallboard.xhtml", null, null);
        assertEquals(303, unsigned.status());
        assertTrue(unsigned.header("Location").endsWith("/console/sign-in.xhtml"));
    }
}
