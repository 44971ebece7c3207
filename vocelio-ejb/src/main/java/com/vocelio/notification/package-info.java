/**
 * Notifications: the messages a signed-in user reads in the portal's bell, marks read and deletes. Does not deliver
 * live events ({@code event}, {@code live}).
 */
package com.vocelio.notification;
