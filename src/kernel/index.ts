/** The driver-core library: state, kernel paths, profiles, patches, scenario builder, properties. */
export {};
