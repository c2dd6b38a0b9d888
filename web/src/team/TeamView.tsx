// Placeholder: filled in by the team screens.
export default function TeamView() {
  return <p class="empty">TeamView</p>;
}
