package com.vocelio.event.control;

/**
 * Where an organization's live figures come from: counts its events change but do not carry (the transfer board's).
 * The feature that knows them provides the one bean of this type, so the relay, which only knows when the figures
 * may have changed, reads them without depending on that feature; subscribers that show them know their type.
 *
 * @param <F> what the figures are
 */
public interface FigureSource<F> {

    Class<F> type();

    /** The figures of the organization the caller runs as. */
    F read();
}
