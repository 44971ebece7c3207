package com.vocelio.contact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.vocelio.call.entity.CallPlacing;
import com.vocelio.contact.boundary.DoNotCallLists;
import com.vocelio.identity.boundary.RegistrationRequest;
import com.vocelio.identity.boundary.Registrations;
import com.vocelio.platform.boundary.BusinessException;
import com.vocelio.platform.control.CurrentTenant;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.io.File;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The do-not-call veto as telephony will meet it (nothing on main places calls yet): {@link CallPlacing} fired in
 * an organization refuses a number on one of its do-not-call lists with code {@code do_not_call}, and lets every
 * other number through, another organization's listed numbers included.
 */
@ExtendWith(ArquillianExtension.class)
class DoNotCallContainerIT {

    @Deployment
    static WebArchive deployment() {
        var war = new File(System.getProperty("vocelio.it.war", "target/vocelio.war"));
        return ShrinkWrap.createFromZipFile(WebArchive.class, war).addClass(DoNotCallContainerIT.class);
    }

    @Inject
    DoNotCallLists doNotCall;

    @Inject
    Registrations registrations;

    @Inject
    CurrentTenant tenant;

    @Inject
    Event<CallPlacing> placing;

    @Test
    void aCallToAListedNumberIsVetoedAndOthersGoThrough() {
        String organization = newOrganization();
        String other = newOrganization();
        String listed = "+4915123456789";
        tenant.runAs(organization, () -> {
            var list = doNotCall.create("Opt-outs", "", null);
            return doNotCall.add(list.list().id(), "+49 151 2345 6789", "asked", null);
        });

        var veto = assertThrows(BusinessException.class, () -> tenant.runAs(organization, () -> fire(listed)));
        assertEquals("do_not_call", veto.code());
        assertEquals(BusinessException.Kind.CONFLICT, veto.kind());
        assertEquals("to", veto.details().get(0).field());

        tenant.runAs(organization, () -> fire("+4915198765432")); // not listed
        tenant.runAs(other, () -> fire(listed)); // listed by another organization only
    }

    private Void fire(String to) {
        placing.fire(new CallPlacing(to));
        return null;
    }

    private String newOrganization() {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        return registrations
                .register(new RegistrationRequest(
                        "admin@" + suffix + ".example.com", "password123", "A", "Dmin", "Org " + suffix, "d" + suffix))
                .organization()
                .id();
    }
}
