/** Asked about an id that is neither a customer nor a prospect as of the date: the CLI says so in one line. */
export class UnknownCustomerError extends Error {
  override readonly name = 'UnknownCustomerError';
}
