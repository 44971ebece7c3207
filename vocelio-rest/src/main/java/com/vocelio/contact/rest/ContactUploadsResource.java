package com.vocelio.contact.rest;

import static com.vocelio.contact.rest.ContactJson.data;

import com.vocelio.contact.boundary.ContactImports;
import com.vocelio.contact.boundary.ImportOptions;
import com.vocelio.contact.control.ContactCsv;
import com.vocelio.contact.entity.ContactImport;
import com.vocelio.identity.entity.Role;
import com.vocelio.platform.boundary.BusinessException;
import com.vocelio.platform.rest.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.glassfish.jersey.media.multipart.FormDataMultiPart;

/**
 * The guide's CSV import (contract §6.2): {@code POST /v1/uploads/contacts} (multipart: {@code file}, {@code listId}
 * or {@code listName}, {@code skipDuplicates}, {@code encoding}, {@code delimiter}, {@code mapping}) answers 202 with
 * a pending job; {@code GET /v1/uploads/contacts/{jobId}} its progress and results; {@code GET /v1/uploads/template}.
 */
@Path("v1/uploads")
@ApplicationScoped
@RolesAllowed({Role.ADMIN_NAME, Role.SUPERVISOR_NAME, Role.SERVICE_NAME})
@Produces(MediaType.APPLICATION_JSON)
public class ContactUploadsResource {

    @Inject
    ContactImports imports;

    @Inject
    Caller caller;

    @POST
    @Path("contacts")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(FormDataMultiPart form) throws IOException {
        var file = form == null ? null : form.getField("file");
        if (file == null) {
            throw BusinessException.invalid("file", "is required: send the CSV as the multipart field 'file'");
        }
        var options = ImportOptions.read(
                field(form, "listId"),
                field(form, "listName"),
                field(form, "skipDuplicates"),
                field(form, "encoding"),
                field(form, "delimiter"),
                field(form, "mapping"));
        ContactImport job;
        // Jersey has the part in a temporary file by now; it goes on to the database a chunk at a time
        try (InputStream in = file.getValueAs(InputStream.class)) {
            job = imports.accept(
                    file.getContentDisposition().getFileName(),
                    in,
                    options,
                    caller.userId().orElse(null));
        }
        var json = new LinkedHashMap<String, Object>();
        json.put("jobId", job.id());
        json.put("filename", job.filename());
        json.put("fileSize", job.fileSize());
        json.put("status", job.status());
        json.put("estimatedProcessingTime", Math.max(1, job.fileSize() / 5_000_000));
        return Response.status(202).entity(data(json)).build();
    }

    @GET
    @Path("contacts/{jobId}")
    public Map<String, Object> job(@PathParam("jobId") String jobId) {
        return data(view(imports.get(jobId)));
    }

    @GET
    @Path("template")
    @Produces({"text/csv", MediaType.APPLICATION_JSON})
    public Response template(@QueryParam("format") String format) {
        if (format != null && !format.isBlank() && !format.equals("csv")) {
            throw BusinessException.invalid("format", "must be csv");
        }
        return Response.ok(String.join(",", ContactCsv.TEMPLATE) + "\r\n", "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"contacts-template.csv\"")
                .build();
    }

    static Map<String, Object> view(ContactImport job) {
        var results = job.results();
        var json = new LinkedHashMap<String, Object>();
        json.put("id", job.id());
        json.put("filename", job.filename());
        json.put("fileSize", job.fileSize());
        json.put("listId", job.listId().orElse(null));
        json.put("status", job.status());
        json.put("progress", job.progress());
        var counts = new LinkedHashMap<String, Object>();
        counts.put("totalRows", results.totalRows());
        counts.put("validContacts", results.validContacts());
        counts.put("invalidContacts", results.invalidContacts());
        counts.put("duplicates", results.duplicates());
        counts.put("imported", results.imported());
        counts.put("skipped", results.skipped());
        json.put("results", counts);
        json.put("validationErrors", job.validationErrors());
        json.put("error", job.failure());
        json.put("createdAt", job.createdAt());
        json.put("completedAt", job.completedAt().orElse(null));
        return json;
    }

    private static String field(FormDataMultiPart form, String name) {
        var part = form.getField(name);
        return part == null ? null : part.getValue();
    }
}
