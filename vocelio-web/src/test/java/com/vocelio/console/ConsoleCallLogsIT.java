package com.vocelio.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vocelio.testing.Routing;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The call logs page: the API's call log, filtered with the API's filters (and refusing what the API refuses, next
 * to the field), a call's transfers as a timeline, and the table exported as CSV.
 */
class ConsoleCallLogsIT {

    @Test
    void callsAreFilteredShownWithTheirTransferHistoryAndExported() throws IOException {
        var routing = Routing.newOrganization();
        String department = routing.department(Routing.unique("Logs"), Map.of("wrap_up_seconds", 0));
        routing.agent(department);
        String handledCall = Routing.callId();
        String handled = routing.request(department, "medium", Map.of("call_id", handledCall))
                .getString("transfer_id");
        routing.awaitOffer(handled);
        routing.handle(handled);
        String abandonedCall = Routing.callId();
        String abandoned = routing.request(department, "medium", Map.of("call_id", abandonedCall))
                .getString("transfer_id");
        routing.admin().post("/transfer/" + abandoned + "/cancel").then().statusCode(200);

        try (var browser = new Browser()) {
            browser.signIn(routing.organization().adminEmail());
            browser.await(ExpectedConditions.urlContains("/console/wallboard.xhtml"));
            browser.open("/console/calls/index.xhtml");
            browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("calls:table"), handledCall));
            assertTrue(browser.text(By.id("calls:table")).contains(abandonedCall));
            browser.screenshot("call-logs");

            browser.type(By.id("calls:search"), "x".repeat(101));
            browser.click(By.id("calls:apply"));
            browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("calls:search_message"), "100"));
            assertTrue(browser.text(By.id("calls:table")).contains(handledCall), "the table stays as it was");

            browser.type(By.id("calls:search"), abandonedCall);
            browser.click(By.id("calls:apply"));
            browser.await(ExpectedConditions.not(
                    ExpectedConditions.textToBePresentInElementLocated(By.id("calls:table"), handledCall)));
            assertEquals(
                    java.util.List.of(abandonedCall),
                    browser.driver.findElements(By.cssSelector("#calls\\:table .call-id")).stream()
                            .map(WebElement::getText)
                            .toList());
            assertTrue(browser.text(By.id("calls:table"))
                    .toLowerCase(java.util.Locale.ROOT)
                    .contains("abandoned"));

            browser.click(By.cssSelector("#calls\\:table button[id$=':history']"));
            browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("historyDialog")));
            browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("history"), abandoned));
            String timeline = browser.text(By.id("timeline"));
            assertTrue(timeline.contains("Transfer requested"), timeline);
            assertTrue(timeline.indexOf("Transfer requested") < timeline.indexOf("Ended"), timeline);
            assertTrue(timeline.toLowerCase(java.util.Locale.ROOT).contains("abandoned"), timeline);
            browser.screenshot("call-logs-history");
            browser.driver
                    .findElement(By.cssSelector("#historyDialog .ui-dialog-titlebar-close"))
                    .click();
            browser.await(ExpectedConditions.invisibilityOfElementLocated(By.id("historyDialog")));

            browser.type(By.id("calls:search"), "");
            browser.click(By.id("calls:apply"));
            browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("calls:table"), handledCall));
            Path csv = Browser.DOWNLOADS.resolve("call-logs.csv");
            Files.deleteIfExists(csv);
            browser.click(By.id("calls:exportCsv"));
            browser.await(d -> Files.exists(csv));
            String exported = Files.readString(csv, StandardCharsets.UTF_8);
            assertTrue(exported.contains(handledCall) && exported.contains(abandonedCall), exported);
            assertTrue(exported.contains("transferred"), exported);
            assertFalse(exported.contains("History"), "the action column is not exported: " + exported);

            // Excel exports what the applied filters show: one call here, under the column headers
            browser.type(By.id("calls:search"), abandonedCall);
            browser.click(By.id("calls:apply"));
            browser.await(ExpectedConditions.not(
                    ExpectedConditions.textToBePresentInElementLocated(By.id("calls:table"), handledCall)));
            Path xlsx = Browser.DOWNLOADS.resolve("call-logs.xlsx");
            Files.deleteIfExists(xlsx);
            browser.click(By.id("calls:exportXlsx"));
            browser.await(d -> Files.exists(xlsx));
            List<List<String>> sheet = readSheet(xlsx);
            assertEquals(2, sheet.size(), "a header row and the filtered call: " + sheet);
            assertTrue(sheet.get(0).contains("Call"), "the header row names the columns: " + sheet.get(0));
            assertEquals(abandonedCall, sheet.get(1).get(0), sheet.toString());
            assertTrue(
                    sheet.get(1).stream()
                            .anyMatch(cell -> cell.toLowerCase(Locale.ROOT).contains("abandoned")),
                    sheet.toString());
            assertFalse(sheet.get(0).contains("History"), "the action column is not exported: " + sheet);
        }
    }

    /** The first sheet's non-empty rows as text, read with POI as a spreadsheet program would. */
    private static List<List<String>> readSheet(Path xlsx) throws IOException {
        var formatter = new DataFormatter();
        try (var workbook = new XSSFWorkbook(Files.newInputStream(xlsx))) {
            var rows = new ArrayList<List<String>>();
            for (Row row : workbook.getSheetAt(0)) {
                var cells = new ArrayList<String>();
                row.forEach(cell -> cells.add(formatter.formatCellValue(cell)));
                if (cells.stream().anyMatch(cell -> !cell.isBlank())) {
                    rows.add(cells);
                }
            }
            return rows;
        }
    }
}
