// Placeholder: filled in by the supervisor screens.
export default function Wallboard() {
  return <p class="empty">Wallboard</p>;
}
