/** Supplies bearer tokens for Business Central. The client asks for one per request and reports rejected ones. */
export interface AccessTokenSource {
  getToken(): Promise<string>;
  /**
   * The API answered 401 to `token`: drop it so the next `getToken` fetches a fresh one. A token that was already
   * replaced is ignored, so many concurrent 401s cause one refresh.
   */
  invalidate(token: string): void;
}
