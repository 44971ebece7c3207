/** Campaigns: the portal's campaign list, answered so its screens load; outbound campaigns are not built yet. */
package com.vocelio.campaign;
