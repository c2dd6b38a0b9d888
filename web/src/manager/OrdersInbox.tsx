// Placeholder: filled in by the manager screens.
export default function OrdersInbox() {
  return <p class="empty">OrdersInbox</p>;
}
