/**
 * Analytics: reports that read across features (activity by period, dashboard figures). Read-only: it writes
 * nothing and owns no rule that another feature enforces.
 */
package com.vocelio.analytics;
