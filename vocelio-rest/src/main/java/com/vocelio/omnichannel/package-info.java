/**
 * Omnichannel: the portal's channel hub (channels, sessions, capabilities, hub analytics), answered from the
 * features below. Owns no data of its own yet.
 */
package com.vocelio.omnichannel;
