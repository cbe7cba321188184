import { redirect } from 'next/navigation';

export default function UstawieniaPage() {
  redirect('/ustawienia/firma');
}
