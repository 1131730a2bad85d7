package io.ballast.codec;

import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.function.Supplier;

/**
 * New instances of a generated record class through its no-arg constructor, as a plain {@link Supplier}: decoders and
 * exchange serializers create one per record, and reflection ({@code Constructor.newInstance}) or an untyped
 * {@code MethodHandle.invoke} costs several times the allocation itself.
 */
public final class RecordFactory {
    private RecordFactory() {}

    /** @throws IllegalArgumentException when the class has no public no-arg constructor */
    @SuppressWarnings("unchecked")
    public static <T> Supplier<T> of(Class<T> type) {
        MethodHandle constructor;
        MethodHandles.Lookup lookup;
        try {
            lookup = MethodHandles.privateLookupIn(type, MethodHandles.lookup());
            constructor = lookup.findConstructor(type, MethodType.methodType(void.class));
        } catch (ReflectiveOperationException | SecurityException e) {
            throw new IllegalArgumentException("no public no-arg constructor in generated " + type.getName(), e);
        }
        try {
            return (Supplier<T>) LambdaMetafactory.metafactory(lookup, "get", MethodType.methodType(Supplier.class),
                    MethodType.methodType(Object.class), constructor, MethodType.methodType(type)).getTarget().invoke();
        } catch (Throwable e) {
            // A class loader that cannot define the lambda next to the class: still correct, only slower.
            return () -> {
                try {
                    return (T) constructor.invoke();
                } catch (Throwable t) {
                    throw new IllegalStateException("cannot create a " + type.getName(), t);
                }
            };
        }
    }
}
