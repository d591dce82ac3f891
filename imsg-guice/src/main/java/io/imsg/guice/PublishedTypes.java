package io.imsg.guice;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import com.google.inject.BindingAnnotation;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Marks the set of payload classes a service publishes without routing them:
 * {@code @PublishedTypes Set<Class<? extends SpecificRecord>>}. Contribute to it with
 * {@link ImsgBindings#publishes}.
 */
@BindingAnnotation
@Retention(RUNTIME)
@Target({FIELD, PARAMETER, METHOD})
public @interface PublishedTypes {}
