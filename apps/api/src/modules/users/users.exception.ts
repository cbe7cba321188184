import { DomainException } from '../../common/domain.exception';

export enum UsersExceptionCode {
  NotFound = 'USER_NOT_FOUND',
  AlreadyMember = 'USER_ALREADY_MEMBER',
  LastOwner = 'USER_LAST_OWNER',
  OwnerOnly = 'USER_OWNER_ONLY',
  AlreadyActive = 'USER_ALREADY_ACTIVE',
  GroupNotFound = 'GROUP_NOT_FOUND',
}

export class UsersException extends DomainException {
  /** Also for people of other tenants: existence is never confirmed across tenants. */
  static notFound(): UsersException {
    return new UsersException(UsersExceptionCode.NotFound, 404, 'Nie znaleziono użytkownika.');
  }

  static alreadyMember(): UsersException {
    return new UsersException(
      UsersExceptionCode.AlreadyMember,
      409,
      'Osoba z tym adresem e-mail już należy do tej firmy.',
      [{ path: 'email', message: 'Ten adres e-mail jest już na liście użytkowników firmy.' }],
    );
  }

  static lastOwner(path: 'role' | 'disabled'): UsersException {
    return new UsersException(
      UsersExceptionCode.LastOwner,
      422,
      'To jedyny aktywny właściciel firmy. Najpierw nadaj rolę właściciela innej osobie.',
      [{ path, message: 'Firma musi mieć co najmniej jednego aktywnego właściciela.' }],
    );
  }

  static ownerOnly(): UsersException {
    return new UsersException(
      UsersExceptionCode.OwnerOnly,
      403,
      'Tylko właściciel firmy może nadawać rolę właściciela i zmieniać konta właścicieli.',
    );
  }

  static alreadyActive(): UsersException {
    return new UsersException(
      UsersExceptionCode.AlreadyActive,
      409,
      'Ta osoba ma już aktywne konto; zaproszenie nie jest potrzebne.',
    );
  }

  static groupNotFound(path: string): UsersException {
    return new UsersException(UsersExceptionCode.GroupNotFound, 404, 'Nie znaleziono grupy użytkowników.', [
      { path, message: 'Nie ma takiej grupy w tej firmie.' },
    ]);
  }
}
