package com.vocelio.testing.container;

import org.jboss.arquillian.core.spi.LoadableExtension;

/** Registers {@link ContainerDatabase} with Arquillian on the client (see {@code META-INF/services}). */
public class ContainerTestExtension implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        builder.observer(ContainerDatabase.class);
    }
}
