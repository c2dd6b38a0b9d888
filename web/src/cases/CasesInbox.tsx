// Placeholder: filled in by the cases screens.
export default function CasesInbox() {
  return <p class="empty">CasesInbox</p>;
}
