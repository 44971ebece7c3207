package com.vocelio.console;

import com.vocelio.testing.Api;
import com.vocelio.testing.TwoFactor;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** A user who turned two-factor on gives the TOTP code on the sign-in page too; a wrong code is refused. */
class ConsoleTwoFactorIT {

    @Test
    void aSupervisorWithTwoFactorSignsInWithTheCode() {
        var org = Api.newOrganization();
        var supervisor = Api.user(org, "supervisor", null);
        String secret = TwoFactor.enableTwoFactor(Api.accessToken(supervisor.email()));
        try (var browser = new Browser()) {
            browser.signIn(supervisor.email());
            browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "authenticator"));
            browser.type(By.id("signIn:code"), TwoFactor.wrongCode(secret));
            browser.click(By.id("signIn:submit"));
            browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "not valid"));
            browser.type(By.id("signIn:code"), TwoFactor.code(secret));
            browser.click(By.id("signIn:submit"));
            browser.await(ExpectedConditions.urlContains("/console/wallboard.xhtml"));
        }
    }
}
