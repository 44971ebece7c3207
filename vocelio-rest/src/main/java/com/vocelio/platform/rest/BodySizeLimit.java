package com.vocelio.platform.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses request bodies above {@code vocelio.http.max-body-bytes} with 413: at once when Content-Length says so,
 * and while reading when a chunked body grows past the limit. File uploads ({@code multipart/form-data}, the contact
 * CSV import) have their own, larger limit, {@code vocelio.http.max-upload-bytes}.
 */
@Provider
@PreMatching
public class BodySizeLimit implements ContainerRequestFilter {

    @Inject
    @ConfigProperty(name = "vocelio.http.max-body-bytes", defaultValue = "65536")
    long maxBytes;

    @Inject
    @ConfigProperty(name = "vocelio.http.max-upload-bytes", defaultValue = "20971520")
    long maxUploadBytes;

    @Override
    public void filter(ContainerRequestContext request) {
        var type = request.getMediaType();
        long max = type != null && type.isCompatible(MediaType.MULTIPART_FORM_DATA_TYPE) ? maxUploadBytes : maxBytes;
        if (request.getLength() > max) {
            throw new TooLarge(max);
        }
        request.setEntityStream(new Bounded(request.getEntityStream(), max));
    }

    /** 413 in the one error shape. */
    public static class TooLarge extends WebApplicationException {

        private static final long serialVersionUID = 1L;

        TooLarge(long maxBytes) {
            super(ErrorBody.response(413, "payload_too_large", "Request body is larger than " + maxBytes + " bytes"));
        }
    }

    private static final class Bounded extends FilterInputStream {

        private final long max;
        private long read;

        Bounded(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count(Math.max(n, 0));
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > max) {
                throw new TooLarge(max);
            }
        }
    }
}
