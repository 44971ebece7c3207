package com.vocelio.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

/**
 * A test class that judges what the whole suite left behind (the log of the run) runs after every other one. The
 * suite's classes keep their order otherwise ({@link Orderer}, set in junit-platform.properties, sorts stably).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RunsLast {

    class Orderer implements ClassOrderer {

        @Override
        public void orderClasses(ClassOrdererContext context) {
            List<? extends org.junit.jupiter.api.ClassDescriptor> classes = context.getClassDescriptors();
            classes.sort(Comparator.comparing(descriptor -> descriptor.isAnnotated(RunsLast.class)));
        }
    }
}
