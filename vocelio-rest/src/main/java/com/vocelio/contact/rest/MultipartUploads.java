package com.vocelio.contact.rest;

import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;
import org.glassfish.jersey.media.multipart.MultiPartFeature;

/** Lets resources read {@code multipart/form-data} (the CSV upload) with the Jersey module Payara Micro ships. */
@Provider
public class MultipartUploads implements Feature {

    @Override
    public boolean configure(FeatureContext context) {
        context.register(MultiPartFeature.class);
        return true;
    }
}
