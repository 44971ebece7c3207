package com.vocelio.speech.control;

import com.sun.speech.freetts.audio.AudioPlayer;
import javax.sound.sampled.AudioFormat;

/**
 * FreeTTS's output, not to a sound card but to a sink: each write (a sentence or so, as FreeTTS produces it) leaves
 * at once as little-endian samples, scaled by the asked volume.
 */
final class CollectingPlayer implements AudioPlayer {

    private final double gain;
    private final SpeechProvider.AudioSink sink;
    private AudioFormat format;

    CollectingPlayer(double gain, SpeechProvider.AudioSink sink) {
        this.gain = gain;
        this.sink = sink;
    }

    int sampleRate(int otherwise) {
        return format == null ? otherwise : Math.round(format.getSampleRate());
    }

    @Override
    public void setAudioFormat(AudioFormat format) {
        this.format = format;
    }

    @Override
    public AudioFormat getAudioFormat() {
        return format;
    }

    @Override
    public boolean write(byte[] audioData) {
        return write(audioData, 0, audioData.length);
    }

    @Override
    public boolean write(byte[] bytes, int offset, int size) {
        if (format != null && !format.isBigEndian()) {
            byte[] swapped = new byte[size];
            for (int i = 0; i + 1 < size; i += 2) { // to big-endian, so that one conversion serves both
                swapped[i] = bytes[offset + i + 1];
                swapped[i + 1] = bytes[offset + i];
            }
            sink.accept(Wav.littleEndian(swapped, 0, size, gain));
        } else {
            sink.accept(Wav.littleEndian(bytes, offset, size, gain));
        }
        return true;
    }

    @Override
    public void begin(int size) {}

    @Override
    public boolean end() {
        return true;
    }

    @Override
    public void pause() {}

    @Override
    public void resume() {}

    @Override
    public void reset() {}

    @Override
    public boolean drain() {
        return true;
    }

    @Override
    public void cancel() {}

    @Override
    public void close() {}

    @Override
    public float getVolume() {
        return (float) gain;
    }

    @Override
    public void setVolume(float volume) {}

    @Override
    public long getTime() {
        return 0;
    }

    @Override
    public void resetTime() {}

    @Override
    public void startFirstSampleTimer() {}

    @Override
    public void showMetrics() {}
}
