import { redirect } from 'next/navigation';

export default function AdministracjaPage() {
  redirect('/administracja/uzytkownicy');
}
