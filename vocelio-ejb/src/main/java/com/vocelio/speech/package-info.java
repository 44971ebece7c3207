/**
 * Speech: voice tiers, the voices of each provider (Azure, ElevenLabs, the offline engines) and synthesis, cached by
 * content and metered per organization. Knows no calls; telephony asks it for audio.
 */
package com.vocelio.speech;
