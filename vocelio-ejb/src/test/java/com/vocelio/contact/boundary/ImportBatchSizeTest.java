package com.vocelio.contact.boundary;

import static com.vocelio.contact.boundary.ContactImportRuns.batchFull;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ImportBatchSizeTest {

    /** Rows of {@code rowBytes} bytes each, fed one by one: the sizes of the batches the rule cuts the file into. */
    private static int firstBatch(long rows, int rowBytes) {
        long fileSize = rows * rowBytes;
        for (int n = 1; n <= rows; n++) {
            if (batchFull(n, (long) n * rowBytes, fileSize)) {
                return n;
            }
        }
        return (int) rows;
    }

    @Test
    void aSmallFileIsWrittenAThousandRowsAtATime() {
        assertEquals(1000, firstBatch(2_500, 40));
        assertEquals(1000, firstBatch(12_000, 260));
        assertFalse(batchFull(999, 1_000_000, 1_000_000));
    }

    @Test
    void aBigFileIsWrittenInTwoHundredStepsOfMoreThanAThousandRows() {
        assertEquals(5000, firstBatch(1_000_000, 67)); // the benchmark's file: about 5,000 rows a batch
        assertEquals(2000, firstBatch(400_000, 50));
    }

    @Test
    void noBatchIsLongerThanTenThousandRows() {
        assertEquals(10_000, firstBatch(5_000_000, 60));
        assertTrue(batchFull(10_000, 1, Long.MAX_VALUE));
    }
}
