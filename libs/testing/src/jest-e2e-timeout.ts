// End-to-end runs drive whole services; a single test may take minutes.
jest.setTimeout(600_000);
