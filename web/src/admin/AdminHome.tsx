// Placeholder: filled in by the admin screens.
export default function AdminHome() {
  return <p class="empty">AdminHome</p>;
}
