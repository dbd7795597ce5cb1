// Placeholder until written properly below.
